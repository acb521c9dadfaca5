package io.petty.domain.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The pets' live logs. */
public interface LiveLog {

    /** Notification channel: its payload is a comma-separated list of the pets with new entries. */
    String CHANNEL = "petty_live";
    /** How long entries are kept: a stream resumes from any of the last 7 days. */
    Duration RETENTION = Duration.ofDays(7);

    /**
     * Appends, in the caller's transaction, numbering each pet's entries after its last, and notifies every server
     * when that transaction commits.
     */
    void append(List<LiveNews> news);

    /**
     * The entries after the given number of each pet, oldest first per pet, at most {@code limit} per pet.
     *
     * @param after by pet: the number of the last entry already seen (0 for none)
     */
    List<LiveEvent> after(Map<UUID, Long> after, int limit);

    /** The number of each pet's last entry; 0 for a pet without any. */
    Map<UUID, Long> last(Collection<UUID> petIds);

    /** The number of the pet's oldest entry still kept; 0 when none is. */
    long oldest(UUID petId);

    /** Forgets the entries logged before {@code before}. @return how many */
    int forgetBefore(Instant before);
}
