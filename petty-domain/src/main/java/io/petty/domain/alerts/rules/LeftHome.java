package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.pets.Pet;
import io.petty.domain.telemetry.GeoPoint;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;

/**
 * The pet outside its home fence: opened only beyond 1.1 times the radius, by at least two readings more than a
 * minute apart with none back inside that in between; resolved only back inside 0.9 times the radius. GPS jitter
 * at the fence's edge (a few metres either way) and a single wild fix therefore open nothing. Readings without a
 * position are ignored; a pet without a fence never leaves it.
 */
public final class LeftHome extends Episode {

    static final double OPENS_BEYOND = 1.1;
    static final double RESOLVES_INSIDE = 0.9;
    static final Duration OUTSIDE_LONGER_THAN = Duration.ofMinutes(1);
    private static final long NOT_OUTSIDE = Long.MIN_VALUE;

    private final Pet.Geofence home;
    /** Epoch seconds of the first reading of the current run beyond the opening distance, or {@link #NOT_OUTSIDE}. */
    private long outsideSince = NOT_OUTSIDE;
    private int outsideReadings;

    /** @param home may be null: no fence set */
    public LeftHome(Pet.Geofence home) {
        super(AlertKind.LEFT_HOME);
        this.home = home;
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        GeoPoint at = reading.location();
        if (home == null || at == null) {
            return;
        }
        double metres = GeoPoint.metresBetween(home.lat(), home.lon(), at.lat(), at.lon());
        long seconds = reading.timestamp().getEpochSecond();
        if (open()) {
            if (metres < RESOLVES_INSIDE * home.radiusM()) {
                change(reading, "back home, " + Math.round(metres) + " m from its centre", sink);
            }
            return;
        }
        if (metres <= OPENS_BEYOND * home.radiusM()) {
            outsideSince = NOT_OUTSIDE;
            outsideReadings = 0;
            return;
        }
        if (outsideSince == NOT_OUTSIDE) {
            outsideSince = seconds;
        }
        outsideReadings++;
        if (outsideReadings >= 2 && seconds - outsideSince > OUTSIDE_LONGER_THAN.toSeconds()) {
            outsideSince = NOT_OUTSIDE;
            outsideReadings = 0;
            change(reading, Math.round(metres) + " m from home (fence " + home.radiusM() + " m)", sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) throws IOException {
        out.writeLong(outsideSince);
        out.writeInt(outsideReadings);
    }

    @Override
    void readProgress(DataInput in) throws IOException {
        outsideSince = in.readLong();
        outsideReadings = in.readInt();
    }
}
