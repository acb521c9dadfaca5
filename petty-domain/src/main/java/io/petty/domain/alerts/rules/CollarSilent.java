package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The collar silent for 30 minutes: a time with no reading, so opened by a periodic check ({@link #check}) rather
 * than by a reading, and resolved by the collar's next reading. A collar that drops out for a few minutes at a time
 * opens nothing; one silence is one episode however long it lasts.
 */
public final class CollarSilent extends Episode {

    public static final Duration AFTER = Duration.ofMinutes(30);

    /** Epoch seconds of the opening: a reading taken during the silence and uploaded later resolves it then. */
    private long openedAt;

    public CollarSilent() {
        super(AlertKind.COLLAR_SILENT);
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        if (open()) {
            Instant opened = Instant.ofEpochSecond(openedAt);
            change(reading.timestamp().isAfter(opened) ? reading.timestamp() : opened, "reading again", sink);
        }
    }

    /**
     * @param last the time of the collar's last reading
     * @param now  the time of the check: the episode opens when the silence has lasted {@link #AFTER}, at the time
     *             it had, whenever the check runs
     */
    public void check(Instant last, Instant now, AlertSink sink) {
        Instant silentAt = last.plus(AFTER);
        if (!open() && !now.isBefore(silentAt)) {
            openedAt = silentAt.getEpochSecond();
            change(silentAt, "no reading since " + last, sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeLong(openedAt);
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        openedAt = in.readLong();
    }
}
