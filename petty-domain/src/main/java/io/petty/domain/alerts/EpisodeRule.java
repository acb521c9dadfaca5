package io.petty.domain.alerts;

import io.petty.domain.telemetry.Reading;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One kind of alert for one pet: a state machine over the pet's readings in timestamp order that opens an episode
 * once when its condition has held long enough and resolves it once when it has cleared, with a margin between the
 * two (hysteresis) so that a value hovering at a threshold opens one episode, not many. Its state is bounded and can
 * be written and read back, so that evaluation resumes where it stopped, on any server.
 */
public interface EpisodeRule {

    AlertKind kind();

    /** The next reading, later than every one before it. */
    void accept(Reading reading, AlertSink sink);

    /** Whether an episode is open. */
    boolean open();

    void writeTo(DataOutput out) throws IOException;

    /** Reads back what {@link #writeTo} wrote, into this rule. */
    void readFrom(DataInput in) throws IOException;
}
