package io.petty.cli.load;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One collar on one dog: a small state machine (resting, walking, playing) that the readings follow, one reading
 * every interval of the collar's own clock. Heart rate drifts towards the state's range, the dog wanders around
 * its home further the more active it is, the battery runs down, body temperature rises a little with effort. The
 * dog's life moves one step per reading, as a real collar's does at one reading a second: a shorter interval
 * compresses a benchmark's time, it does not make a faster dog. Not thread safe: a collar sends one batch at a
 * time.
 */
public final class CollarSimulation {

    /** Seconds of samples in a motion window, and their rate: within the server's 10–200 Hz and 10 s. */
    static final int MOTION_HZ = 50;
    static final int MOTION_SECONDS = 2;

    private static final double METRES_PER_DEGREE_LAT = 111_320;

    /** What the dog is doing; its position is the reading's activity level. */
    enum State {
        // mean dwell (s), heart rate range (bpm), speed (m/s), temperature (°C), accel swing (g), gyro swing (°/s)
        RESTING(600, 60, 95, 0.05, 38.4, 0.02, 3),
        WALKING(300, 90, 140, 1.3, 38.7, 0.35, 60),
        PLAYING(120, 130, 210, 3.5, 39.1, 1.6, 300);

        final double leaveChance;
        final double minHeartRate;
        final double maxHeartRate;
        final double speed;
        final double temperature;
        final double accelSwing;
        final double gyroSwing;

        State(double meanDwell, double minHeartRate, double maxHeartRate, double speed, double temperature,
              double accelSwing, double gyroSwing) {
            this.leaveChance = 1 / meanDwell;
            this.minHeartRate = minHeartRate;
            this.maxHeartRate = maxHeartRate;
            this.speed = speed;
            this.temperature = temperature;
            this.accelSwing = accelSwing;
            this.gyroSwing = gyroSwing;
        }

        /** A reading of a dog doing this at home: a heart rate within the state's range, its temperature. */
        SimulatedReading atHome(String collarId, Instant timestamp, SplittableRandom random, int latE6, int lonE6) {
            int rate = (int) (minHeartRate + random.nextDouble(maxHeartRate - minHeartRate));
            return new SimulatedReading(collarId, 0, timestamp, rate, ordinal(), latE6, lonE6, 80,
                    (int) Math.round(temperature * 10), null);
        }
    }

    private final String collarId;
    private final Instant start;
    private final long intervalNanos;
    private final boolean motion;
    private final SplittableRandom random;
    private final double homeLat;
    private final double homeLon;

    private State state = State.RESTING;
    private double heartRate;
    private double targetHeartRate;
    private double north;
    private double east;
    private double heading;
    private double battery;
    private double temperature;
    private long next;

    /**
     * @param start    the collar's clock at reading 0; reading k is {@code start + k × interval}
     * @param interval the collar-clock time between consecutive readings
     * @param motion   whether each reading carries an IMU window
     */
    public CollarSimulation(String collarId, Instant start, Duration interval, boolean motion, long seed) {
        this.collarId = collarId;
        this.start = start;
        this.intervalNanos = interval.toNanos();
        this.motion = motion;
        this.random = new SplittableRandom(seed);
        // Homes scattered over Finland's south, where the README's collar lives.
        this.homeLat = 60.0 + random.nextDouble(0.5);
        this.homeLon = 24.0 + random.nextDouble(2.0);
        this.heartRate = between(State.RESTING.minHeartRate, State.RESTING.maxHeartRate);
        this.targetHeartRate = heartRate;
        this.heading = random.nextDouble(2 * Math.PI);
        this.battery = between(40, 100);
        this.temperature = State.RESTING.temperature;
    }

    public String collarId() {
        return collarId;
    }

    public Instant start() {
        return start;
    }

    /** The number of the reading {@link #next()} makes. */
    public long nextIndex() {
        return next;
    }

    /** The collar's clock at reading {@code index}. */
    public Instant timestampOf(long index) {
        return start.plusNanos(Math.multiplyExact(index, intervalNanos));
    }

    /** The next reading, one interval after the previous one. */
    public SimulatedReading next() {
        step();
        long index = next++;
        double lat = homeLat + north / METRES_PER_DEGREE_LAT;
        double lon = homeLon + east / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(homeLat)));
        return new SimulatedReading(collarId, index, timestampOf(index), (int) Math.round(heartRate), state.ordinal(),
                (int) Math.round(lat * 1e6), (int) Math.round(lon * 1e6), (int) Math.ceil(battery),
                (int) Math.round(temperature * 10), motion ? motionWindow() : null);
    }

    private void step() {
        if (random.nextDouble() < state.leaveChance) {
            State[] states = State.values();
            // Any other state; a resting dog is more likely to get up and walk than to burst into play.
            state = states[(state.ordinal() + 1 + (random.nextDouble() < 0.7 ? 0 : 1)) % states.length];
            targetHeartRate = between(state.minHeartRate, state.maxHeartRate);
        } else if (random.nextDouble() < 0.02) {
            targetHeartRate = between(state.minHeartRate, state.maxHeartRate);
        }
        heartRate += (targetHeartRate - heartRate) * 0.1 + random.nextDouble(-1.5, 1.5);
        heartRate = Math.max(State.RESTING.minHeartRate - 10, Math.min(State.PLAYING.maxHeartRate + 20, heartRate));

        heading += random.nextDouble(-0.5, 0.5);
        double distance = state.speed * random.nextDouble(0.5, 1.5);
        north += distance * Math.cos(heading);
        east += distance * Math.sin(heading);
        if (Math.hypot(north, east) > 400) {
            // Beyond the garden and the block: head home.
            heading = Math.atan2(-east, -north);
        }

        temperature += (state.temperature - temperature) * 0.01 + random.nextDouble(-0.02, 0.02);
        battery -= (state == State.RESTING ? 1.0 : 1.5) / 1800;
        if (battery < 5) {
            battery = 100;
        }
    }

    private SimulatedReading.Motion motionWindow() {
        int samples = MOTION_HZ * MOTION_SECONDS;
        int[] accel = new int[samples * 3];
        int[] gyro = new int[samples * 3];
        double gait = 1.5 + state.ordinal() + random.nextDouble(0.5);
        double phase = random.nextDouble(2 * Math.PI);
        for (int i = 0; i < samples; i++) {
            double stride = Math.sin(phase + 2 * Math.PI * gait * i / MOTION_HZ);
            // Gravity on z, the stride on all three axes, and sensor noise.
            accel[i * 3] = milli(state.accelSwing * stride * 0.6 + noise(0.01));
            accel[i * 3 + 1] = milli(state.accelSwing * stride * 0.3 + noise(0.01));
            accel[i * 3 + 2] = milli(-1 + state.accelSwing * stride + noise(0.01));
            gyro[i * 3] = milli(state.gyroSwing * stride + noise(1));
            gyro[i * 3 + 1] = milli(state.gyroSwing * 0.5 * Math.cos(phase + i * 0.1) + noise(1));
            gyro[i * 3 + 2] = milli(state.gyroSwing * 0.2 * stride + noise(1));
        }
        return new SimulatedReading.Motion(MOTION_HZ, samples, accel, gyro);
    }

    private double between(double min, double max) {
        return random.nextDouble(min, max);
    }

    private double noise(double amplitude) {
        return random.nextDouble(-amplitude, amplitude);
    }

    private static int milli(double value) {
        return (int) Math.round(value * 1000);
    }
}
