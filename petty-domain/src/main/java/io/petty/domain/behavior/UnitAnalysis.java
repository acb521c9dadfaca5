package io.petty.domain.behavior;

import io.petty.domain.behavior.rules.ActivitySessions;
import io.petty.domain.telemetry.Reading;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The analysis of one unit in progress: the track, the day's summary so far and every detector's state. Fed the
 * unit's readings in timestamp order; its state is a few hundred bytes however many readings it has seen.
 */
public final class UnitAnalysis {

    private final BehaviorEngine engine;
    private final List<Detection> detections;
    private final Track track;
    private final Step step = new Step();
    /** Sessions count into the summary as they close, so that its minutes and distance are the sessions'. */
    private final EventSink summarising = this::summarise;
    private EventSink target;
    private Instant last;
    private int dataPoints;
    private long heartRateSum;
    private int heartRateMin = Integer.MAX_VALUE;
    private int heartRateMax = Integer.MIN_VALUE;
    private long activeMillis;
    private long restMillis;
    private double distanceM;

    UnitAnalysis(BehaviorEngine engine, List<Detection> detections) {
        this.engine = engine;
        this.detections = detections;
        this.track = engine.newTrack();
    }

    /**
     * The next reading: later than every reading before it.
     *
     * @throws IllegalArgumentException when it is not later
     */
    public void accept(Reading reading, EventSink sink) {
        if (last != null && !reading.timestamp().isAfter(last)) {
            throw new IllegalArgumentException("readings must come in timestamp order: " + reading.timestamp()
                    + " after " + last);
        }
        last = reading.timestamp();
        dataPoints++;
        heartRateSum += reading.heartRate();
        heartRateMin = Math.min(heartRateMin, reading.heartRate());
        heartRateMax = Math.max(heartRateMax, reading.heartRate());
        track.advance(reading, step);
        target = sink;
        for (Detection detection : detections) {
            detection.accept(step, summarising);
        }
    }

    /** The unit is over: what is still open is emitted. */
    public void finish(EventSink sink) {
        target = sink;
        for (Detection detection : detections) {
            detection.finish(summarising);
        }
    }

    /**
     * What the unit would come to if it ended now, leaving this analysis as it is: the events still open, and the
     * summary with them.
     */
    public DaySummary provisional(EventSink sink) {
        UnitAnalysis copy = engine.restore(snapshot()).orElseThrow();
        copy.finish(sink);
        return copy.summary();
    }

    /**
     * Which events {@link #provisional} would give now, detector by detector ({@link Detection#openStart}): while
     * these are equal, it gives the same events, only grown.
     */
    public long[] openStarts() {
        long[] starts = new long[detections.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = detections.get(i).openStart();
        }
        return starts;
    }

    /** Whether this engine made it: an analysis by another (other detectors, another model) is not carried on. */
    public boolean madeBy(BehaviorEngine other) {
        return engine.snapshotTag() == other.snapshotTag();
    }

    /** The time of the last reading accepted; null before the first. */
    public Instant lastTimestamp() {
        return last;
    }

    /** The summary of the sessions closed so far and of every reading accepted. */
    public DaySummary summary() {
        return dataPoints == 0 ? DaySummary.EMPTY : new DaySummary(dataPoints, heartRateSum, heartRateMin,
                heartRateMax, activeMillis, restMillis, distanceM);
    }

    /** The whole state, for {@link BehaviorEngine#restore}. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(engine.snapshotTag());
            out.writeLong(last == null ? Long.MIN_VALUE : last.getEpochSecond());
            out.writeInt(last == null ? 0 : last.getNano());
            out.writeInt(dataPoints);
            out.writeLong(heartRateSum);
            out.writeInt(heartRateMin);
            out.writeInt(heartRateMax);
            out.writeLong(activeMillis);
            out.writeLong(restMillis);
            out.writeDouble(distanceM);
            track.writeTo(out);
            for (Detection detection : detections) {
                detection.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write an analysis snapshot", e);
        }
        return bytes.toByteArray();
    }

    void readFrom(DataInput in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        last = seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, nanos);
        dataPoints = in.readInt();
        heartRateSum = in.readLong();
        heartRateMin = in.readInt();
        heartRateMax = in.readInt();
        activeMillis = in.readLong();
        restMillis = in.readLong();
        distanceM = in.readDouble();
        track.readFrom(in);
    }

    private void summarise(DetectedEvent event) {
        if (event.kind() == EventKind.SESSION) {
            long millis = Duration.between(event.start(), event.end()).toMillis();
            if (ActivitySessions.REST.equals(event.behavior())) {
                restMillis += millis;
            } else {
                activeMillis += millis;
            }
            if (event.distanceM() != null) {
                distanceM += event.distanceM();
            }
        }
        target.emit(event);
    }
}
