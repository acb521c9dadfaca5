package io.petty.domain.alerts.rules;

import io.petty.domain.alerts.AlertChange.Transition;
import io.petty.domain.alerts.AlertChange;
import io.petty.domain.alerts.AlertKind;
import io.petty.domain.alerts.AlertSink;
import io.petty.domain.alerts.EpisodeRule;
import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/** What every rule here shares: its kind, whether its episode is open, and reporting a change of that. */
abstract class Episode implements EpisodeRule {

    private final AlertKind kind;
    private boolean open;

    Episode(AlertKind kind) {
        this.kind = kind;
    }

    @Override
    public final AlertKind kind() {
        return kind;
    }

    @Override
    public final boolean open() {
        return open;
    }

    /** Opens the episode if none is open, else resolves it, at this reading. */
    final void change(Reading reading, String detail, AlertSink sink) {
        change(reading.timestamp(), detail, sink);
    }

    final void change(Instant at, String detail, AlertSink sink) {
        open = !open;
        sink.emit(new AlertChange(kind, open ? Transition.OPENED : Transition.RESOLVED, at, detail));
    }

    @Override
    public final void writeTo(DataOutput out) throws IOException {
        out.writeBoolean(open);
        writeProgress(out);
    }

    @Override
    public final void readFrom(DataInput in) throws IOException {
        open = in.readBoolean();
        readProgress(in);
    }

    /** Writes what the rule has counted towards the next change, if anything. */
    abstract void writeProgress(DataOutput out) throws IOException;

    abstract void readProgress(DataInput in) throws IOException;
}
