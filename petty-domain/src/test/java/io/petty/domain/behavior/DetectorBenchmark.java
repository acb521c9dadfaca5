package io.petty.domain.behavior;

import io.petty.domain.telemetry.Reading;
import io.petty.domain.testing.SampleDay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;

/**
 * What the detectors cost on one core, in readings per second (each operation is one reading of the sample day):
 * the baseline reads the day's readings and sums their heart rates; the track adds gaps, positions and distances;
 * the engine runs every rule detector as the server does; the snapshot adds writing and reading back the state
 * after every 500 readings, as a pass over a batch of 500 does.
 *
 * <pre>
 * mvn -q -pl petty-domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main DetectorBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(SampleDay.READINGS)
public class DetectorBenchmark {

    private static final int BATCH = 500;

    private List<Reading> day;
    private BehaviorEngine engine;

    @Setup
    public void recordedDay() {
        day = SampleDay.readings(Instant.parse("2026-11-25T00:00:00Z"));
        engine = BehaviorEngine.ofRules();
    }

    @Benchmark
    public long baselineReadingTheDay() {
        long sum = 0;
        for (Reading reading : day) {
            sum += reading.heartRate();
        }
        return sum;
    }

    @Benchmark
    public double trackOnly() {
        Track track = engine.newTrack();
        Step step = new Step();
        double metres = 0;
        for (Reading reading : day) {
            track.advance(reading, step);
            metres += step.metres();
        }
        return metres;
    }

    @Benchmark
    public int allRuleDetectors() {
        int[] events = {0};
        UnitAnalysis unit = engine.start();
        for (Reading reading : day) {
            unit.accept(reading, event -> events[0]++);
        }
        unit.finish(event -> events[0]++);
        return events[0];
    }

    @Benchmark
    public int allRuleDetectorsWithASnapshotEveryBatch() {
        int[] events = {0};
        UnitAnalysis unit = engine.start();
        for (int i = 0; i < day.size(); i++) {
            unit.accept(day.get(i), event -> events[0]++);
            if (i % BATCH == BATCH - 1) {
                unit = engine.restore(unit.snapshot()).orElseThrow();
            }
        }
        unit.finish(event -> events[0]++);
        return events[0];
    }
}
