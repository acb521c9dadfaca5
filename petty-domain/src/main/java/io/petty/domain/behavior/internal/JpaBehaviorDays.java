package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.BehaviorDays;
import io.petty.domain.behavior.DaySummary;
import io.petty.domain.behavior.Unit;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
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

    @Override
    public Map<LocalDate, DaySummary> ofPet(UUID petId, LocalDate from, LocalDate to) {
        Map<LocalDate, DaySummary> days = new TreeMap<>();
        entities.createNamedQuery("StoredDay.ofPetBetween", StoredDay.class).setParameter("pet", petId)
                .setParameter("from", from).setParameter("to", to).getResultStream()
                .forEach(day -> days.merge(day.day(), day.summary(), DaySummary::plus));
        return days;
    }

    /** The unit's summary as the analysis left it; a unit without readings has none. */
    void summarise(Unit unit, DaySummary summary, Instant now) {
        StoredDay.Key key = new StoredDay.Key(unit.petId(), unit.collarId(), JpaBehaviorEvents.utc(unit.start()));
        StoredDay stored = entities.find(StoredDay.class, key);
        if (summary.dataPoints() == 0) {
            if (stored != null) {
                entities.remove(stored);
            }
            return;
        }
        if (stored == null) {
            stored = new StoredDay(unit.petId(), unit.collarId(), JpaBehaviorEvents.utc(unit.start()), unit.day());
            entities.persist(stored);
        }
        stored.summarise(summary, JpaBehaviorEvents.utc(now));
    }
}
