package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.ActivityLevel;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * More than 8 hours of daytime (07:00 to 21:00 in the pet's time zone) without activity: only resting readings since
 * the last walking or playing one, the night not counted. Resolved by the next active reading. A silence of more than
 * 30 minutes is no evidence of rest (the collar may be off the pet; it has an alert of its own) and starts the count
 * again.
 */
public final class DaytimeInactivity extends Episode {

    static final Duration LONGER_THAN = Duration.ofHours(8);
    static final LocalTime DAY_STARTS = LocalTime.of(7, 0);
    static final LocalTime DAY_ENDS = LocalTime.of(21, 0);
    static final Duration SILENCE_BREAKS = Duration.ofMinutes(30);
    private static final long NONE = Long.MIN_VALUE;

    private final ZoneId zone;
    /** Epoch seconds of the first reading of the current resting run, or {@link #NONE}. */
    private long restingSince = NONE;
    private long previous = NONE;

    public DaytimeInactivity(ZoneId zone) {
        super(AlertKind.INACTIVITY);
        this.zone = zone;
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        long now = reading.timestamp().getEpochSecond();
        boolean silenceBefore = previous != NONE && now - previous > SILENCE_BREAKS.toSeconds();
        previous = now;
        if (reading.activityLevel() != ActivityLevel.RESTING) {
            restingSince = NONE;
            if (open()) {
                change(reading, reading.activityLevel().name().toLowerCase(Locale.ROOT) + " again", sink);
            }
            return;
        }
        if (restingSince == NONE || silenceBefore && !open()) {
            restingSince = now;
            return;
        }
        if (!open()) {
            Duration daytime = daytimeBetween(Instant.ofEpochSecond(restingSince), reading.timestamp());
            if (daytime.compareTo(LONGER_THAN) > 0) {
                change(reading, "no activity for " + daytime.toHours() + " h of daytime", sink);
            }
        }
    }

    /** How much of {@code [from, to]} falls in the daytime of the pet's zone; stops counting past the threshold. */
    Duration daytimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(LocalDate.ofInstant(to, zone))
                && total.compareTo(LONGER_THAN) <= 0; day = day.plusDays(1)) {
            Instant start = later(from, day.atTime(DAY_STARTS).atZone(zone).toInstant());
            Instant end = earlier(to, day.atTime(DAY_ENDS).atZone(zone).toInstant());
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeLong(restingSince);
        out.writeLong(previous);
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        restingSince = in.readLong();
        previous = in.readLong();
    }
}
