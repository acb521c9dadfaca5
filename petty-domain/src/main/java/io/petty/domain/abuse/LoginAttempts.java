package io.petty.domain.abuse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The login attempts that have not succeeded, by throttle key, kept where every server sees them. */
public interface LoginAttempts {

    /** One key's attempts since the start of the window: how many, the first and the last. */
    record Recent(int count, Instant oldest, Instant latest) {
        public static final Recent NONE = new Recent(0, null, null);
    }

    /**
     * With the keys locked against every server's attempts on them (in the order given, so two attempts never wait
     * on each other in a cycle), reads each key's attempts since {@code since} and asks {@code decide}; when it says
     * no wait, records an attempt at {@code at} against every key.
     *
     * @return what {@code decide} said
     */
    Optional<Duration> attempt(List<String> keys, Instant since, Instant at,
                               Function<List<Recent>, Optional<Duration>> decide);

    /** Forgets every attempt against the key. */
    void forget(String key);

    /** Forgets the key's latest attempt only. */
    void forgetLatest(String key);

    /** Forgets the attempts made before {@code cutoff}: outside every window. */
    int forgetBefore(Instant cutoff);
}
