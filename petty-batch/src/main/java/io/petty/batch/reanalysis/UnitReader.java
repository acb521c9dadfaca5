package io.petty.batch.reanalysis;

import io.petty.domain.behavior.Reanalysis;
import io.petty.domain.behavior.Reanalysis.CollarRange;
import io.petty.domain.behavior.Reanalysis.Position;
import io.petty.domain.behavior.Unit;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A partition's units, a page of collars at a time. Its checkpoint is the last unit it handed out, which at a
 * checkpoint is the last one written: a restart takes up the units after it. Kept as text (collar id, a line feed,
 * the unit's start), which any server reads back whatever classes it has.
 */
@Named("unitReader")
@Dependent
public class UnitReader extends AbstractItemReader {

    /** Collars per page: a page is one query, and its units a few hundred bytes each. */
    static final int COLLARS_PER_PAGE = 200;

    private final Reanalysis reanalysis;
    private final CollarRange range;
    private final LocalDate from;
    private final LocalDate to;
    private final Deque<Unit> page = new ArrayDeque<>();
    private Position last;
    private boolean exhausted;

    @Inject
    public UnitReader(Reanalysis reanalysis, @BatchProperty(name = "from") String from,
                      @BatchProperty(name = "to") String to, @BatchProperty(name = "hashFrom") String hashFrom,
                      @BatchProperty(name = "hashTo") String hashTo) {
        this.reanalysis = reanalysis;
        this.from = LocalDate.parse(from);
        this.to = LocalDate.parse(to);
        this.range = new CollarRange(Long.parseLong(hashFrom), Long.parseLong(hashTo));
    }

    @Override
    public void open(Serializable checkpoint) {
        // Opened again at the last checkpoint when a chunk is retried: what was read after it is read again.
        page.clear();
        exhausted = false;
        last = null;
        if (checkpoint != null) {
            String position = checkpoint.toString();
            int split = position.lastIndexOf('\n');
            last = new Position(position.substring(0, split), Instant.parse(position.substring(split + 1)));
        }
    }

    @Override
    public Unit readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(reanalysis.units(range, from, to, last, COLLARS_PER_PAGE));
            exhausted = page.isEmpty();
        }
        Unit unit = page.poll();
        if (unit != null) {
            last = Position.of(unit);
        }
        return unit;
    }

    @Override
    public Serializable checkpointInfo() {
        return last == null ? null : last.collarId() + "\n" + last.start();
    }
}
