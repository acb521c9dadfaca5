package io.petty.domain.alerts.internal;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.AlertChange;
import io.petty.domain.alerts.AlertIds;
import io.petty.domain.alerts.AlertState;
import io.petty.domain.alerts.Alerts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alert episodes read and written as objects: a handful per pet and day, none on the ingest path. */
@Dependent
public class JpaAlerts implements Alerts {

    private final EntityManager entities;

    @Inject
    public JpaAlerts(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    @Transactional
    public List<Alert> apply(UUID petId, String collarId, List<AlertChange> changes) {
        List<Alert> applied = new ArrayList<>();
        for (AlertChange change : changes) {
            List<StoredAlert> open = entities.createNamedQuery("StoredAlert.openOfPet", StoredAlert.class)
                    .setParameter("pet", petId).setParameter("kind", change.kind().wireName())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            if (change.transition() == AlertChange.Transition.RESOLVED) {
                for (StoredAlert alert : open) {
                    alert.resolve(change.at(), change.detail());
                    applied.add(alert.alert());
                }
                continue;
            }
            UUID id = AlertIds.of(petId, change.kind(), change.at());
            // Open already: the same readings evaluated again, or rules that started afresh (a state of another
            // format) while the episode they had opened goes on.
            if (open.isEmpty() && entities.find(StoredAlert.class, id) == null) {
                // A resolution later in the list finds it: its query flushes it first (FlushModeType.AUTO).
                StoredAlert alert = new StoredAlert(id, petId, collarId, change.kind(), change.at(), change.detail());
                entities.persist(alert);
                applied.add(alert.alert());
            }
        }
        return applied;
    }

    @Override
    @Transactional
    public Optional<Alert> find(UUID alertId) {
        return Optional.ofNullable(entities.find(StoredAlert.class, alertId)).map(StoredAlert::alert);
    }

    @Override
    @Transactional
    public List<Alert> ofPet(UUID petId, AlertState state) {
        return entities.createNamedQuery("StoredAlert.ofPet", StoredAlert.class).setParameter("pet", petId)
                .getResultStream().map(StoredAlert::alert).filter(alert -> state == null || alert.state() == state)
                .toList();
    }

    @Override
    @Transactional
    public List<Alert> unresolvedOfPet(UUID petId) {
        return entities.createNamedQuery("StoredAlert.unresolvedOfPet", StoredAlert.class).setParameter("pet", petId)
                .getResultStream().map(StoredAlert::alert).toList();
    }

    @Override
    @Transactional
    public List<Alert> ofPetDuring(UUID petId, Instant from, Instant to) {
        return entities.createNamedQuery("StoredAlert.ofPetDuring", StoredAlert.class).setParameter("pet", petId)
                .setParameter("from", from.atOffset(ZoneOffset.UTC)).setParameter("to", to.atOffset(ZoneOffset.UTC))
                .getResultStream().map(StoredAlert::alert).toList();
    }

    @Override
    @Transactional
    public Optional<Alert> acknowledge(UUID alertId, Instant now) {
        StoredAlert alert = entities.find(StoredAlert.class, alertId, LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            return Optional.empty();
        }
        alert.acknowledge(now);
        return Optional.of(alert.alert());
    }
}
