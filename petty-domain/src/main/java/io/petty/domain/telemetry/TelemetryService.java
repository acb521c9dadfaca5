package io.petty.domain.telemetry;

import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.pets.CollarRepository;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
        requirePairedBefore(callerCollarId, tokenIssuedAt);
        int stored = readings.store(List.of(reading)).cardinality();
        return new IngestOutcome(stored, 1 - stored);
    }

    /**
     * Stores the good readings of a batch and says what became of each: one bad reading never sinks the good
     * ones, and a reading repeated (within the batch or from before) is a duplicate, not an error.
     *
     * @throws InvalidCredentialsException when the collar is no longer paired as it was when the token was issued
     */
    public BatchOutcome ingestBatch(List<IngestItem> items, String callerCollarId, Instant tokenIssuedAt) {
        requirePairedBefore(callerCollarId, tokenIssuedAt);
        List<Reading> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        BatchOutcome.Item[] results = new BatchOutcome.Item[items.size()];
        for (int index = 0; index < items.size(); index++) {
            List<FieldViolation> errors = new ArrayList<>(items.get(index).formatErrors());
            Reading reading = null;
            if (errors.isEmpty()) {
                try {
                    reading = rules.validate(items.get(index).input());
                } catch (InvalidInputException invalid) {
                    errors.addAll(invalid.violations());
                }
            }
            if (reading != null && !reading.collarId().equals(callerCollarId)) {
                errors.add(new FieldViolation("collar_id", "must be this token's collar, " + callerCollarId));
            }
            if (errors.isEmpty()) {
                valid.add(reading);
                positions.add(index);
            } else {
                results[index] = new BatchOutcome.Item(index, BatchOutcome.Status.REJECTED, errors);
            }
        }
        BitSet stored = readings.store(valid);
        for (int i = 0; i < positions.size(); i++) {
            int index = positions.get(i);
            results[index] = new BatchOutcome.Item(index,
                    stored.get(i) ? BatchOutcome.Status.STORED : BatchOutcome.Status.DUPLICATE, List.of());
        }
        return new BatchOutcome(Arrays.asList(results));
    }

    private void requirePairedBefore(String collarId, Instant tokenIssuedAt) {
        // JWT times are whole seconds, so the pairing time is compared at that precision.
        boolean pairedBeforeToken = collars.pairedAt(collarId)
                .map(paired -> !tokenIssuedAt.isBefore(paired.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(false);
        if (!pairedBeforeToken) {
            throw new InvalidCredentialsException();
        }
    }

    /**
     * @throws UnknownCollarException when the collar is not registered to one of the owner's pets: another
     *                                owner's collar is as unknown to this one as a collar that does not exist
     * @throws NoReadingYetException when it is, but has sent nothing yet
     */
    public StoredReading latest(String collarId, UUID ownerId) {
        String id = ReadingRules.requireCollarId(collarId, "collar_id");
        return readings.latestOwnedBy(id, ownerId).orElseThrow(() -> new UnknownCollarException(id))
                .latest().orElseThrow(() -> new NoReadingYetException(id));
    }
}
