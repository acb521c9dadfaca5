package io.petty.domain.behavior.rules;

import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.EventSink;
import io.petty.domain.behavior.Step;
import io.petty.domain.telemetry.ActivityLevel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Playing Fetch: at least 2 play → rest cycles in a row, where each burst of play takes the pet more than ~100 m
 * from where it set off (it ran after the ball) and a rest follows (it brought it back and waited). Walking, a
 * burst that stays close, a rest longer than 5 minutes or a gap in the readings ends the game. The event runs from
 * the first burst to the rest that ended the last cycle.
 */
public final class PlayingFetch extends RuleDetector {

    public static final String PLAYING_FETCH = "Playing Fetch";
    static final int MIN_CYCLES = 2;
    static final double MIN_EXCURSION_M = 100;
    static final long MAX_REST_MICROS = 5 * 60 * 1_000_000L;

    private enum Phase { IDLE, PLAYING, RESTING }

    public PlayingFetch() {
        super("playing-fetch", "1", PLAYING_FETCH);
    }

    @Override
    RuleDetection newDetection() {
        return new Game();
    }

    private final class Game implements RuleDetection {
        private Phase phase = Phase.IDLE;
        private int cycles;
        private long gameStartMicros;
        private long gameEndMicros;
        private double excursions;
        private long burstStartMicros;
        private boolean burstHasOrigin;
        private double originX;
        private double originY;
        private double excursion;
        private long restStartMicros;
        /** Where the pet last was: a burst is measured from where it set off. */
        private boolean hasLast;
        private double lastX;
        private double lastY;

        @Override
        public void accept(Step step, EventSink sink) {
            if (step.afterGap()) {
                close(sink);
                hasLast = false;
            }
            switch (step.activity()) {
                case PLAYING -> play(step);
                case RESTING -> rest(step, sink);
                case WALKING -> close(sink);
            }
            if (step.located()) {
                hasLast = true;
                lastX = step.x();
                lastY = step.y();
            }
        }

        private void play(Step step) {
            if (phase != Phase.PLAYING) {
                phase = Phase.PLAYING;
                burstStartMicros = step.micros();
                burstHasOrigin = hasLast;
                originX = lastX;
                originY = lastY;
                excursion = 0;
            }
            if (!step.located()) {
                return;
            }
            if (!burstHasOrigin) {
                burstHasOrigin = true;
                originX = step.x();
                originY = step.y();
            }
            excursion = Math.max(excursion, Math.hypot(step.x() - originX, step.y() - originY));
        }

        private void rest(Step step, EventSink sink) {
            if (phase == Phase.PLAYING) {
                if (excursion <= MIN_EXCURSION_M) {
                    close(sink);
                    return;
                }
                if (cycles == 0) {
                    gameStartMicros = burstStartMicros;
                }
                cycles++;
                excursions += excursion;
                gameEndMicros = step.micros();
                restStartMicros = step.micros();
                phase = Phase.RESTING;
            } else if (phase == Phase.RESTING && step.micros() - restStartMicros > MAX_REST_MICROS) {
                close(sink);
            }
        }

        @Override
        public void finish(EventSink sink) {
            close(sink);
        }

        @Override
        public long openStart() {
            return cycles >= MIN_CYCLES ? gameStartMicros : NOTHING_OPEN;
        }

        /** The game is over: it was fetch if it had enough cycles. */
        private void close(EventSink sink) {
            if (cycles >= MIN_CYCLES) {
                double meanExcursion = excursions / cycles;
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("cycles", cycles);
                evidence.put("duration_s", Evidence.round((gameEndMicros - gameStartMicros) / 1e6, 1));
                evidence.put("mean_excursion_m", Evidence.round(meanExcursion, 1));
                sink.emit(new DetectedEvent(PLAYING_FETCH, EventKind.BEHAVIOR, ActivitySessions.micros(gameStartMicros),
                        ActivitySessions.micros(gameEndMicros),
                        Evidence.confidence(Evidence.support(cycles, MIN_CYCLES),
                                (meanExcursion - MIN_EXCURSION_M) / MIN_EXCURSION_M),
                        name(), version(), null, evidence));
            }
            phase = Phase.IDLE;
            cycles = 0;
            excursions = 0;
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeByte(phase.ordinal());
            out.writeInt(cycles);
            out.writeLong(gameStartMicros);
            out.writeLong(gameEndMicros);
            out.writeDouble(excursions);
            out.writeLong(burstStartMicros);
            out.writeBoolean(burstHasOrigin);
            out.writeDouble(originX);
            out.writeDouble(originY);
            out.writeDouble(excursion);
            out.writeLong(restStartMicros);
            out.writeBoolean(hasLast);
            out.writeDouble(lastX);
            out.writeDouble(lastY);
        }

        @Override
        public void readFrom(DataInput in) throws IOException {
            phase = Phase.values()[in.readByte()];
            cycles = in.readInt();
            gameStartMicros = in.readLong();
            gameEndMicros = in.readLong();
            excursions = in.readDouble();
            burstStartMicros = in.readLong();
            burstHasOrigin = in.readBoolean();
            originX = in.readDouble();
            originY = in.readDouble();
            excursion = in.readDouble();
            restStartMicros = in.readLong();
            hasLast = in.readBoolean();
            lastX = in.readDouble();
            lastY = in.readDouble();
        }
    }
}
