package io.petty.domain.telemetry;

import io.petty.domain.pets.CollarRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Takes readings in and hands back the latest one. This is where per-object authorization will be
 * checked once callers are authenticated (the identity issue): every telemetry path goes through here.
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
     * @throws io.petty.domain.validation.InvalidInputException when the reading breaks a rule
     * @throws UnknownCollarException when the collar is not registered
     */
    public IngestOutcome ingest(ReadingInput input) {
        Reading reading = rules.validate(input);
        if (!collars.exists(reading.collarId())) {
            throw new UnknownCollarException(reading.collarId());
        }
        return readings.store(List.of(reading));
    }

    /**
     * @throws UnknownCollarException when the collar is not registered
     * @throws NoReadingYetException when it is, but has sent nothing yet
     */
    public StoredReading latest(String collarId) {
        String id = ReadingRules.requireCollarId(collarId, "collar_id");
        return readings.latest(id).orElseThrow(() -> collars.exists(id)
                ? new NoReadingYetException(id)
                : new UnknownCollarException(id));
    }
}
