package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.BehaviorEvent;
import io.petty.domain.behavior.BehaviorEvents;
import io.petty.domain.behavior.DetectedEvent;
import io.petty.domain.behavior.EventIds;
import io.petty.domain.behavior.EventKind;
import io.petty.domain.behavior.Unit;
import io.petty.domain.behavior.Verdict;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Events through JPA: few per unit, read and written as objects. The analysis locks a unit's events while it
 * replaces them, and feedback locks the event it reviews, so neither overwrites the other. Reads run in a
 * transaction too, so that each has a persistence context of its own: outside one, the server's pooled entity
 * manager may hand back an entity as an earlier read left it.
 */
@Dependent
public class JpaBehaviorEvents implements BehaviorEvents {

    /** Made once: {@code Json.create…} looks the provider up on every call. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final EntityManager entities;

    @Inject
    public JpaBehaviorEvents(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    @Transactional
    public List<BehaviorEvent> ofPet(UUID petId, Instant from, Instant to) {
        return entities.createNamedQuery("StoredEvent.ofPetBetween", StoredEvent.class).setParameter("pet", petId)
                .setParameter("from", utc(from)).setParameter("to", utc(to)).getResultStream()
                .map(JpaBehaviorEvents::event).toList();
    }

    @Override
    @Transactional
    public List<BehaviorEvent> openOfPet(UUID petId) {
        return entities.createNamedQuery("StoredEvent.openOfPet", StoredEvent.class).setParameter("pet", petId)
                .getResultStream().map(JpaBehaviorEvents::event).toList();
    }

    @Override
    @Transactional
    public Optional<BehaviorEvent> find(UUID eventId) {
        return Optional.ofNullable(entities.find(StoredEvent.class, eventId)).map(JpaBehaviorEvents::event);
    }

    @Override
    @Transactional
    public boolean review(UUID eventId, Instant at, Verdict verdict, String correctedBehavior) {
        StoredEvent event = entities.find(StoredEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE);
        if (event == null) {
            return false;
        }
        event.reviewed(utc(at), verdict == null ? null : verdict.code(), correctedBehavior);
        return true;
    }

    /**
     * Locks, for one analysis pass, the events it may change, in at most two queries: the open events of these
     * collars (the units it continues), and the events of the collars whose units it analyses from their first
     * reading, from the earliest of those units on. Feedback waits meanwhile.
     */
    List<StoredEvent> lockForPass(Collection<String> openOf, Collection<Unit> wholeUnits) {
        Map<UUID, StoredEvent> locked = new LinkedHashMap<>();
        if (!openOf.isEmpty()) {
            entities.createNamedQuery("StoredEvent.openOfCollars", StoredEvent.class).setParameter("collars", openOf)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                    .forEach(event -> locked.put(event.id(), event));
        }
        if (!wholeUnits.isEmpty()) {
            entities.createNamedQuery("StoredEvent.ofCollarsFrom", StoredEvent.class)
                    .setParameter("collars", wholeUnits.stream().map(Unit::collarId).distinct().toList())
                    .setParameter("from", utc(wholeUnits.stream().map(Unit::start).min(Comparator.naturalOrder())
                            .orElseThrow()))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                    .forEach(event -> locked.putIfAbsent(event.id(), event));
        }
        return List.copyOf(locked.values());
    }

    /**
     * Makes a unit's stored events what the analysis found: events found again are updated in place, new ones added,
     * and those no longer found removed. What the owner gave feedback on is kept: it may grow (an ongoing walk
     * confirmed goes on), but is never shortened or removed, and a new event that overlaps it with the same behavior
     * is not added — the owner already said what happened.
     *
     * @param stored the unit's events from {@link #lockForPass}: its open ones when the analysis continued the unit
     *               (only those can have changed), all of them when it analysed the unit from its first reading
     * @param news   told of each event that began (stored for the first time: true) or ended (closed now: false; an
     *               event found closed at once began)
     * @return how many rows changed
     */
    int apply(List<StoredEvent> stored, String collarId, UUID petId, List<DetectedEvent> closed,
              List<DetectedEvent> open, Instant now, BiConsumer<BehaviorEvent, Boolean> news) {
        Map<UUID, StoredEvent> byId = new HashMap<>();
        stored.forEach(event -> byId.put(event.id(), event));
        List<StoredEvent> reviewed = stored.stream().filter(StoredEvent::reviewed).toList();
        OffsetDateTime analysedAt = utc(now);
        int changes = 0;
        Set<UUID> found = new HashSet<>();
        for (List<DetectedEvent> events : List.of(closed, open)) {
            boolean isOpen = events == open;
            for (DetectedEvent event : events) {
                UUID id = EventIds.of(petId, collarId, event);
                found.add(id);
                StoredEvent existing = byId.get(id);
                if (existing == null && reviewed.stream().anyMatch(r -> overlaps(r, event))) {
                    continue;
                }
                if (existing != null && existing.reviewed() && !existing.within(utc(event.start()), utc(event.end()))) {
                    // The owner's word on what they saw stands: a reviewed event may grow, never shrink.
                    continue;
                }
                boolean began = existing == null;
                boolean wasOpen = !began && existing.open();
                if (began) {
                    existing = new StoredEvent(id, petId, collarId);
                    entities.persist(existing);
                }
                if (existing.found(kind(event.kind()), event.behavior(), utc(event.start()), utc(event.end()),
                        event.confidence(), event.distanceM(),
                        event.detector(), event.detectorVersion(), evidence(event), isOpen, analysedAt)) {
                    changes++;
                }
                if (began || wasOpen && !isOpen) {
                    news.accept(event(existing), began);
                }
            }
        }
        for (StoredEvent event : stored) {
            if (found.contains(event.id())) {
                continue;
            }
            if (!event.reviewed()) {
                entities.remove(event);
                changes++;
            } else if (event.open()) {
                // Kept for the owner's verdict, but nothing grows it any more.
                event.found(event.kind(), event.behavior(), event.startedAt(), event.endedAt(), event.confidence(),
                        event.distanceM(), event.detector(), event.detectorVersion(), event.evidence(), false, analysedAt);
                changes++;
                news.accept(event(event), false);
            }
        }
        return changes;
    }

    /**
     * A unit's events among those {@link #lockForPass} locked: its open ones only, or all.
     *
     * @param start the unit's start
     * @param end   the unit's end
     */
    static List<StoredEvent> ofUnit(List<StoredEvent> locked, String collarId, UUID petId, Instant start,
                                    Instant end, boolean onlyOpen) {
        OffsetDateTime from = utc(start);
        OffsetDateTime to = utc(end);
        return locked.stream().filter(event -> event.inUnit(collarId, petId, from, to) && (!onlyOpen || event.open()))
                .toList();
    }

    private static boolean overlaps(StoredEvent reviewed, DetectedEvent event) {
        return reviewed.behavior().equals(event.behavior()) && !utc(event.start()).isAfter(reviewed.endedAt())
                && !utc(event.end()).isBefore(reviewed.startedAt());
    }

    static String evidence(DetectedEvent event) {
        JsonObjectBuilder json = BUILDERS.createObjectBuilder();
        event.metadata().forEach((name, value) -> {
            if (value instanceof Integer number) {
                json.add(name, number);
            } else if (value instanceof Long number) {
                json.add(name, number);
            } else if (value instanceof Double number) {
                json.add(name, BigDecimal.valueOf(number));
            } else {
                json.add(name, String.valueOf(value));
            }
        });
        return json.build().toString();
    }

    private static String kind(EventKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static BehaviorEvent event(StoredEvent event) {
        return new BehaviorEvent(event.id(), event.petId(), event.collarId(),
                EventKind.valueOf(event.kind().toUpperCase(Locale.ROOT)), event.behavior(), event.startedAt().toInstant(),
                event.endedAt().toInstant(), event.confidence(), event.distanceM(),
                event.detector(), event.detectorVersion(), event.evidence(), event.open(),
                event.reviewedAt() == null ? null : event.reviewedAt().toInstant(),
                event.ownerVerdict() == null ? null : Verdict.ofCode(event.ownerVerdict()).orElseThrow(),
                event.correctedBehavior());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
