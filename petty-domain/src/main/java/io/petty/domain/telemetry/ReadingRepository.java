package io.petty.domain.telemetry;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ObjIntConsumer;

/** Where readings are kept. Implementations commit before they return: a returned outcome is durable. */
public interface ReadingRepository {

    /**
     * One ingest's write, in one transaction: stores the readings not stored before, keeps each collar's latest
     * current, announces the new ones in the {@link ReadingBacklog}, and keeps the refused readings as dead letters.
     *
     * @return the positions (in {@code readings}) of those stored now; the others were stored before, or
     *         repeat an earlier reading of the same list
     */
    BitSet store(List<Reading> readings, List<RejectedReading> rejected);

    /** One of an owner's collars, the pet wearing it, and its latest reading when it has sent one. */
    record OwnedCollar(String collarId, UUID petId, Optional<StoredReading> latest) {
    }

    /**
     * The collar with its latest reading, in one lookup, if it is worn by one of {@code ownerId}'s pets.
     *
     * @return empty when the collar is unknown, unpaired, or another owner's
     */
    Optional<OwnedCollar> latestOwnedBy(String collarId, UUID ownerId);

    /** A collar's readings stamped in {@code [from, to)}. */
    record Span(String collarId, Instant from, Instant to) {
    }

    /**
     * Hands over the readings of every span, span after span in the order given, each span's in timestamp order,
     * one at a time: any number of them in bounded memory, all spans in one round trip, motion windows included.
     *
     * @param each takes a reading and the position of its span in {@code spans}
     */
    void scan(List<Span> spans, ObjIntConsumer<Reading> each);
}
