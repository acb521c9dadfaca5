package io.petty.domain.behavior;

import java.io.DataOutput;
import java.io.IOException;

/**
 * One detector's work on one unit: a state machine over the unit's readings, bounded in size whatever the number of
 * readings. The same readings in the same order always give the same events.
 */
public interface Detection {

    /** The next reading of the unit, later than every one before it; emits what it closes. */
    void accept(Step step, EventSink sink);

    /** The unit is over: emits what is still open. */
    void finish(EventSink sink);

    /**
     * The start, in microseconds, of the event {@link #finish} would emit now, or {@link #NOTHING_OPEN}: cheap, and
     * read after every batch of readings. While it stays the same, finishing would give the same event (by
     * behavior and start), only longer or surer; so the engine need not store a unit's open events every time.
     */
    long openStart();

    /** What {@link #openStart} says when finishing now would emit nothing. */
    long NOTHING_OPEN = Long.MIN_VALUE;

    /** Writes the state, for {@link Detector#restore}. */
    void writeTo(DataOutput out) throws IOException;
}
