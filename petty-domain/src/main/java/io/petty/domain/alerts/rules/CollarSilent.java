package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.time.Duration;
import java.time.Instant;

/**
 * The collar silent for 30 minutes: a time with no reading, so opened by a periodic check ({@link #check}) rather
 * than by a reading, and resolved by the collar's next reading. A collar that drops out for a few minutes at a time
 * opens nothing; one silence is one episode however long it lasts.
 */
public final class CollarSilent extends Episode {

    public static final Duration AFTER = Duration.ofMinutes(30);

    public CollarSilent() {
        super(AlertKind.COLLAR_SILENT);
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        if (open()) {
            change(reading.timestamp(), "reading again", sink);
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
            change(silentAt, "no reading since " + last, sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) {
        // Nothing is counted: the time of the last reading is the rules' own.
    }

    @Override
    void readProgress(DataInput in) {
        // Nothing is counted: the time of the last reading is the rules' own.
    }
}
