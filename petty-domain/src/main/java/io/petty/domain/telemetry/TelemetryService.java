package io.petty.domain.telemetry;

import io.petty.domain.pets.CollarRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

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
     * @throws io.petty.domain.validation.InvalidInputException when the reading breaks a rule
     * @throws CollarMismatchException when the reading is for another collar
     * @throws UnknownCollarException when the collar is not registered
     */
    public IngestOutcome ingest(ReadingInput input, String callerCollarId) {
        Reading reading = rules.validate(input);
        if (!reading.collarId().equals(callerCollarId)) {
            throw new CollarMismatchException(callerCollarId);
        }
        if (!collars.exists(reading.collarId())) {
            throw new UnknownCollarException(reading.collarId());
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
