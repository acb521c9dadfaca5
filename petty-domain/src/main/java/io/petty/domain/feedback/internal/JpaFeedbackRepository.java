package io.petty.domain.feedback.internal;

import io.petty.domain.feedback.Feedback;
import io.petty.domain.feedback.FeedbackRepository;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Dependent
public class JpaFeedbackRepository implements FeedbackRepository {

    private final EntityManager entities;

    @Inject
    public JpaFeedbackRepository(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public void add(Feedback feedback) {
        entities.persist(new StoredFeedback(feedback));
    }

    /** In a transaction for a persistence context of its own (see {@code JpaBehaviorEvents}). */
    @Override
    @Transactional
    public Map<UUID, Feedback> latestOn(Collection<UUID> eventIds) {
        Map<UUID, Feedback> latest = new HashMap<>();
        // Oldest first: the newest of each event is the one left in the map.
        entities.createNamedQuery("StoredFeedback.onEvents", StoredFeedback.class).setParameter("events", eventIds)
                .getResultStream().forEach(stored -> latest.put(stored.eventId(), stored.feedback()));
        return latest;
    }
}
