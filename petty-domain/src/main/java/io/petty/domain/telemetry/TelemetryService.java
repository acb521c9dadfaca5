package io.petty.domain.telemetry;

import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.pets.CollarRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Takes readings in and hands back the latest one, checking per object that the caller may: a collar
 * ingests only its own readings, an owner sees only the collars of their own pets.
 */
@Dependent
public class TelemetryService {

    private final ReadingRules rules;
    private final ReadingRepository readings;
    private final CollarRepository collars;

    @Inject
    public TelemetryService(ReadingRules rules, ReadingRepository readings, CollarRepository collars) {
        this.rules = rules;
        this.readings = readings;
        this.collars = collars;
    }

    /**
     * @param callerCollarId the collar the caller's device token was issued to
     * @param tokenIssuedAt  when that token was issued: a token from before the collar's current pairing
     *                       (unpaired, re-paired, secret rotated) no longer speaks for it
     * @throws io.petty.domain.validation.InvalidInputException when the reading breaks a rule
     * @throws CollarMismatchException when the reading is for another collar
     * @throws InvalidCredentialsException when the collar is no longer paired as it was when the token was issued
     */
    public IngestOutcome ingest(ReadingInput input, String callerCollarId, Instant tokenIssuedAt) {
        Reading reading = rules.validate(input);
        if (!reading.collarId().equals(callerCollarId)) {
            throw new CollarMismatchException(callerCollarId);
        }
        // JWT times are whole seconds, so the pairing time is compared at that precision.
        boolean pairedBeforeToken = collars.pairedAt(reading.collarId())
                .map(paired -> !tokenIssuedAt.isBefore(paired.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(false);
        if (!pairedBeforeToken) {
            throw new InvalidCredentialsException();
        }
        return readings.store(List.of(reading));
    }

    /**
     * @throws UnknownCollarException when the collar is not registered to one of the owner's pets: another
     *                                owner's collar is as unknown to this one as a collar that does not exist
     * @throws NoReadingYetException when it is, but has sent nothing yet
     */
    public StoredReading latest(String collarId, UUID ownerId) {
        String id = ReadingRules.requireCollarId(collarId, "collar_id");
        if (!collars.ownerOf(id).filter(ownerId::equals).isPresent()) {
            throw new UnknownCollarException(id);
        }
        return readings.latest(id).orElseThrow(() -> new NoReadingYetException(id));
    }
}
