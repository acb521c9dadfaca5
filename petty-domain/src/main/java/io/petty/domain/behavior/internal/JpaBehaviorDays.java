package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.BehaviorDays;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.Unit;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Day summaries through JPA, one row per unit. */
@Dependent
public class JpaBehaviorDays implements BehaviorDays {

    private final EntityManager entities;

    @Inject
    public JpaBehaviorDays(EntityManager entities) {
        this.entities = entities;
    }

    /** In a transaction for a persistence context of its own (see {@link JpaBehaviorEvents}). */
    @Override
    @Transactional
    public Map<LocalDate, DaySummary> ofPet(UUID petId, LocalDate from, LocalDate to) {
        Map<LocalDate, DaySummary> days = new TreeMap<>();
        entities.createNamedQuery("StoredDay.ofPetBetween", StoredDay.class).setParameter("pet", petId)
                .setParameter("from", from).setParameter("to", to).getResultStream()
                .forEach(day -> days.merge(day.day(), day.summary(), DaySummary::plus));
        return days;
    }

    /** The stored summaries of these collars' units from {@code from} on, in one query, by unit. */
    Map<StoredDay.Key, StoredDay> ofCollarsFrom(Collection<String> collarIds, Instant from) {
        if (collarIds.isEmpty()) {
            return Map.of();
        }
        Map<StoredDay.Key, StoredDay> stored = new HashMap<>();
        entities.createNamedQuery("StoredDay.ofCollarsFrom", StoredDay.class).setParameter("collars", collarIds)
                .setParameter("from", JpaBehaviorEvents.utc(from)).getResultStream()
                .forEach(day -> stored.put(day.key(), day));
        return stored;
    }

    /**
     * The unit's summary as the analysis left it; a unit without readings has none.
     *
     * @param stored what {@link #ofCollarsFrom} found for the pass's units
     */
    void summarise(Unit unit, DaySummary summary, Map<StoredDay.Key, StoredDay> stored, Instant now) {
        StoredDay day = stored.get(key(unit.petId(), unit.collarId(), unit.start()));
        if (day == null && summary.dataPoints() > 0) {
            day = new StoredDay(unit.petId(), unit.collarId(), JpaBehaviorEvents.utc(unit.start()), unit.day());
            entities.persist(day);
        }
        resummarise(day, summary, now);
    }

    /**
     * The summary of a unit whose row its first pass stored (every pass of a unit from its first reading stores
     * it): one in progress brought up to date, or one that is over.
     */
    void summariseStored(UUID petId, String collarId, Instant unitStart, DaySummary summary,
                         Map<StoredDay.Key, StoredDay> stored, Instant now) {
        resummarise(stored.get(key(petId, collarId, unitStart)), summary, now);
    }

    private void resummarise(StoredDay day, DaySummary summary, Instant now) {
        if (day == null) {
            return;
        }
        if (summary.dataPoints() == 0) {
            entities.remove(day);
        } else {
            day.summarise(summary, JpaBehaviorEvents.utc(now));
        }
    }

    private static StoredDay.Key key(UUID petId, String collarId, Instant unitStart) {
        return new StoredDay.Key(petId, collarId, JpaBehaviorEvents.utc(unitStart));
    }
}
