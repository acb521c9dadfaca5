package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;

/** The collar's battery under 15 %; resolved at 25 % or more, so a level hovering around 15 % is one episode. */
public final class LowBattery extends Episode {

    static final int OPENS_UNDER_PCT = 15;
    static final int RESOLVES_AT_PCT = 25;

    public LowBattery() {
        super(AlertKind.LOW_BATTERY);
    }

    @Override
    public void accept(Reading reading, AlertSink sink) {
        Integer level = reading.batteryPct();
        if (level == null) {
            return;
        }
        if (!open() && level < OPENS_UNDER_PCT || open() && level >= RESOLVES_AT_PCT) {
            change(reading, "battery at " + level + " %", sink);
        }
    }

    @Override
    void writeProgress(DataOutput out) {
        // Nothing is counted: one reading decides.
    }

    @Override
    void readProgress(DataInput in) {
        // Nothing is counted: one reading decides.
    }
}
