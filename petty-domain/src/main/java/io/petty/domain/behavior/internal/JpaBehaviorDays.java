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
import java.util.Comparator;
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

    /** The stored summaries of these units, in one query, by unit. */
    Map<StoredDay.Key, StoredDay> ofUnits(Collection<Unit> units) {
        if (units.isEmpty()) {
            return Map.of();
        }
        Map<StoredDay.Key, StoredDay> stored = new HashMap<>();
        entities.createNamedQuery("StoredDay.ofCollarsFrom", StoredDay.class)
                .setParameter("collars", units.stream().map(Unit::collarId).distinct().toList())
                .setParameter("from", JpaBehaviorEvents.utc(units.stream().map(Unit::start).min(Comparator.naturalOrder())
                        .orElseThrow()))
                .getResultStream().forEach(day -> stored.put(day.key(), day));
        return stored;
    }

    /**
     * The unit's summary as the analysis left it; a unit without readings has none.
     *
     * @param stored what {@link #ofUnits} found for the pass's units
     */
    void summarise(Unit unit, DaySummary summary, Map<StoredDay.Key, StoredDay> stored, Instant now) {
        StoredDay day = stored.get(key(unit));
        if (summary.dataPoints() == 0) {
            if (day != null) {
                entities.remove(day);
            }
            return;
        }
        if (day == null) {
            day = new StoredDay(unit.petId(), unit.collarId(), JpaBehaviorEvents.utc(unit.start()), unit.day());
            entities.persist(day);
        }
        day.summarise(summary, JpaBehaviorEvents.utc(now));
    }

    private static StoredDay.Key key(Unit unit) {
        return new StoredDay.Key(unit.petId(), unit.collarId(), JpaBehaviorEvents.utc(unit.start()));
    }
}
