package io.petty.domain.telemetry;

import io.petty.domain.collars.CollarIds;
import io.petty.domain.collars.CollarPairings;
import io.petty.domain.collars.Pairing;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.identity.InvalidCredentialsException;
import io.petty.domain.platform.Tracing;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

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
    private final CollarPairings collars;
    private final Event<ReadingsArrived> arrivals;
    private final IngestCounts counts;
    private final Tracing tracing;

    @Inject
    public TelemetryService(ReadingRules rules, ReadingRepository readings, CollarPairings collars,
                            Event<ReadingsArrived> arrivals, IngestCounts counts, Tracing tracing) {
        this.rules = rules;
        this.readings = readings;
        this.collars = collars;
        this.arrivals = arrivals;
        this.counts = counts;
        this.tracing = tracing;
    }

    /**
     * Stores one reading; a refused one is kept as a dead letter before the refusal is thrown.
     *
     * @throws InvalidCredentialsException when the collar is no longer paired as it was when the token was issued
     * @throws CollarMismatchException when the reading is for another collar than the sender's
     * @throws InvalidInputException when the reading breaks a rule
     */
    public IngestOutcome ingest(IngestItem item, Sender sender) {
        Pairing pairing = requirePairedBefore(sender);
        Checked checked = check(item, pairing);
        if (checked.reading() != null && !checked.reading().collarId().equals(sender.collarId())) {
            throw new CollarMismatchException(sender.collarId());
        }
        if (checked.reading() == null) {
            store(List.of(), List.of(rejected(item, null, checked.errors(), sender)));
            counts.rejected(checked.errors());
            throw new InvalidInputException(checked.errors());
        }
        int stored = store(List.of(checked.reading()), List.of()).cardinality();
        counts.stored(stored, 1 - stored);
        announce(stored, sender);
        return new IngestOutcome(stored, 1 - stored);
    }

    /**
     * Stores the good readings of a batch and says what became of each: one bad reading never sinks the good
     * ones, and a reading repeated (within the batch or from before) is a duplicate, not an error. The bad ones,
     * a reading for another collar among them, are kept as dead letters in the same transaction.
     *
     * @throws InvalidCredentialsException when the collar is no longer paired as it was when the token was issued
     */
    public BatchOutcome ingestBatch(List<IngestItem> items, Sender sender) {
        Pairing pairing = requirePairedBefore(sender);
        List<Reading> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<RejectedReading> rejected = new ArrayList<>();
        BatchOutcome.Item[] results = new BatchOutcome.Item[items.size()];
        for (int index = 0; index < items.size(); index++) {
            Checked checked = check(items.get(index), pairing);
            List<FieldViolation> errors = checked.errors();
            if (checked.reading() != null && !checked.reading().collarId().equals(sender.collarId())) {
                errors = List.of(new FieldViolation("collar_id", "must be this token's collar, " + sender.collarId()));
            }
            if (errors.isEmpty()) {
                valid.add(checked.reading());
                positions.add(index);
            } else {
                results[index] = new BatchOutcome.Item(index, BatchOutcome.Status.REJECTED, errors);
                rejected.add(rejected(items.get(index), index, errors, sender));
            }
        }
        BitSet stored = store(valid, rejected);
        counts.stored(stored.cardinality(), valid.size() - stored.cardinality());
        rejected.forEach(refused -> counts.rejected(refused.errors()));
        announce(stored.cardinality(), sender);
        for (int i = 0; i < positions.size(); i++) {
            int index = positions.get(i);
            results[index] = new BatchOutcome.Item(index,
                    stored.get(i) ? BatchOutcome.Status.STORED : BatchOutcome.Status.DUPLICATE, List.of());
        }
        return new BatchOutcome(Arrays.asList(results));
    }

    /** Writes the readings and the rejected ones in one traced database call (its span: "INSERT reading"). */
    private BitSet store(List<Reading> valid, List<RejectedReading> rejected) {
        return tracing.database("INSERT", "reading", () -> readings.store(valid, rejected));
    }

    private void announce(int stored, Sender sender) {
        if (stored > 0) {
            arrivals.fire(new ReadingsArrived(sender.collarId()));
        }
    }

    /** A reading that passed every rule, or why it did not. */
    private record Checked(Reading reading, List<FieldViolation> errors) {
    }

    private Checked check(IngestItem item, Pairing pairing) {
        if (!item.formatErrors().isEmpty()) {
            return new Checked(null, item.formatErrors());
        }
        Reading reading;
        try {
            reading = rules.validate(item.input());
        } catch (InvalidInputException invalid) {
            return new Checked(null, invalid.violations());
        }
        if (reading.timestamp().isBefore(pairing.readingsFrom())) {
            // Said without the time: the window's start may tell when the previous pet's collar last reported.
            return new Checked(null, List.of(new FieldViolation("timestamp",
                    "must not be before the collar was paired with its current pet")));
        }
        return new Checked(reading, List.of());
    }

    private static RejectedReading rejected(IngestItem item, Integer index, List<FieldViolation> errors, Sender sender) {
        return new RejectedReading(sender.collarId(), sender.requestId(), index, errors, item.source().get());
    }

    /** @return the collar's pairing, which must be no newer than the sender's token */
    private Pairing requirePairedBefore(Sender sender) {
        // JWT times are whole seconds, so the pairing time is compared at that precision.
        return collars.current(sender.collarId())
                .filter(paired -> !sender.tokenIssuedAt().isBefore(paired.credentialsFrom().truncatedTo(ChronoUnit.SECONDS)))
                .orElseThrow(InvalidCredentialsException::new);
    }

    /**
     * @throws UnknownCollarException when the collar is not registered to one of the owner's pets: another
     *                                owner's collar is as unknown to this one as a collar that does not exist
     * @throws NoReadingYetException when it is, but has sent nothing yet
     */
    public LatestReading latest(String collarId, UUID ownerId) {
        String id = CollarIds.require(collarId, "collar_id");
        ReadingRepository.OwnedCollar collar = readings.latestOwnedBy(id, ownerId)
                .orElseThrow(() -> new UnknownCollarException(id));
        return new LatestReading(collar.petId(), collar.latest().orElseThrow(() -> new NoReadingYetException(id)));
    }
}
