package io.petty.domain.alerts;

import io.petty.domain.alerts.rules.CollarSilent;
import io.petty.domain.alerts.rules.DaytimeInactivity;
import io.petty.domain.alerts.rules.HighRestingHeartRate;
import io.petty.domain.alerts.rules.LeftHome;
import io.petty.domain.alerts.rules.LowBattery;
import io.petty.domain.pets.Pet;
import io.petty.domain.telemetry.Reading;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules of one pet, fed its readings as they arrive, in timestamp order. Alerts are about what is happening
 * now: a reading not later than the last one taken in (late data, a replay) changes nothing, so that no episode
 * opens twice. The state is under 200 bytes, written and read back between passes like the detectors'.
 */
public final class PetAlerts {

    /** Changes whenever the rules' state is written differently; a state of another format is not read back. */
    private static final byte FORMAT = 1;
    private static final long NEVER = Long.MIN_VALUE;

    /**
     * What the rules need to know of the pet.
     *
     * @param home may be null: no fence, never away
     */
    public record Settings(Pet.Geofence home, ZoneId zone) {

        public Settings {
            Objects.requireNonNull(zone, "zone is required.");
        }
    }

    private final Settings settings;
    private final CollarSilent silent = new CollarSilent();
    private final List<EpisodeRule> rules;
    private long lastMicros = NEVER;

    private PetAlerts(Settings settings) {
        this.settings = settings;
        // The order is the state's: change it only with FORMAT.
        this.rules = List.of(new LeftHome(settings.home()), new HighRestingHeartRate(),
                new DaytimeInactivity(settings.zone()), new LowBattery(), silent);
    }

    /** The rules of a pet with nothing seen yet. */
    public static PetAlerts start(Settings settings) {
        return new PetAlerts(settings);
    }

    /**
     * The rules as {@link #snapshot} left them, with the pet's settings as they are now (a fence moved since applies
     * from the next reading).
     *
     * @return empty when the state is of another format
     */
    public static Optional<PetAlerts> restore(Settings settings, byte[] state) {
        PetAlerts alerts = new PetAlerts(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            alerts.lastMicros = in.readLong();
            for (EpisodeRule rule : alerts.rules) {
                rule.readFrom(in);
            }
            return Optional.of(alerts);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The same rules with the pet's settings as they are now: itself while they have not changed, else read back
     * from its state (a fence moved applies from the next reading).
     */
    public PetAlerts with(Settings current) {
        return settings.equals(current) ? this : restore(current, snapshot()).orElseThrow();
    }

    /** Whether the reading is later than every one taken in: only such a reading can change anything. */
    public boolean takes(Instant timestamp) {
        return micros(timestamp) > lastMicros;
    }

    /** The pet's next reading; one not later than the last taken in is ignored. */
    public void accept(Reading reading, AlertSink sink) {
        long micros = micros(reading.timestamp());
        if (micros <= lastMicros) {
            return;
        }
        lastMicros = micros;
        for (EpisodeRule rule : rules) {
            rule.accept(reading, sink);
        }
    }

    /**
     * A check at {@code now} for a silence of the collar: the time since the last reading taken in.
     * {@link CollarSilent} says when that opens an episode; nothing before the first reading.
     */
    public void checkSilence(Instant now, AlertSink sink) {
        if (lastMicros != NEVER) {
            silent.check(Instant.EPOCH.plus(lastMicros, ChronoUnit.MICROS), now, sink);
        }
    }

    /**
     * The collar no longer reports about this pet (it was paired with another): every open episode resolves. The
     * rules are done with after that.
     */
    public void release(Instant at, String detail, AlertSink sink) {
        rules.stream().filter(EpisodeRule::open).forEach(rule ->
                sink.emit(new AlertChange(rule.kind(), AlertChange.Transition.RESOLVED, at, detail)));
    }

    /** The kinds with an episode open. */
    public Set<AlertKind> open() {
        Set<AlertKind> open = EnumSet.noneOf(AlertKind.class);
        rules.stream().filter(EpisodeRule::open).forEach(rule -> open.add(rule.kind()));
        return open;
    }

    /** The whole state, for {@link #restore}. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(lastMicros);
            for (EpisodeRule rule : rules) {
                rule.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the alert rules' state", e);
        }
        return bytes.toByteArray();
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }
}
