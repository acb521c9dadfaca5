package io.petty.domain.alerts;

import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Owners' alerts. Every method is scoped to the calling owner: another owner's pet or alert does not exist. */
@ApplicationScoped
public class AlertService {

    private final Alerts alerts;
    private final PetService pets;
    private final Clock clock;

    @Inject
    public AlertService(Alerts alerts, PetService pets, Clock clock) {
        this.alerts = alerts;
        this.pets = pets;
        this.clock = clock;
    }

    /** For CDI proxies; never called to build a working instance. */
    protected AlertService() {
        this(null, null, null);
    }

    /**
     * @param state null for every episode
     * @throws PetNotFoundException when the owner has no such pet
     */
    public List<Alert> ofPet(UUID ownerId, UUID petId, AlertState state) {
        pets.get(ownerId, petId);
        return alerts.ofPet(petId, state);
    }

    /** @throws UnknownAlertException when the alert is not one of the owner's pets' */
    @Transactional
    public Alert acknowledge(UUID ownerId, UUID alertId) {
        Alert alert = alerts.find(alertId).orElseThrow(UnknownAlertException::new);
        try {
            pets.get(ownerId, alert.petId());
        } catch (PetNotFoundException e) {
            throw new UnknownAlertException();
        }
        return alerts.acknowledge(alertId, clock.instant()).orElseThrow(UnknownAlertException::new);
    }
}
