package io.petty.domain.webhooks.internal;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.live.LiveNews;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import io.petty.domain.platform.SqlUpdates;
import io.petty.domain.webhooks.Delivery;
import io.petty.domain.webhooks.QuietHours;
import io.petty.domain.webhooks.RetrySchedule;
import io.petty.domain.webhooks.WebhookOutbox;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox in plain JDBC: a pass's deliveries are two statements, a lease one ({@code FOR UPDATE SKIP LOCKED},
 * which JPA cannot say, so that servers sharing the outbox never take the same delivery).
 */
@Dependent
public class JdbcWebhookOutbox implements WebhookOutbox {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    /** The endpoints sent these pets' alerts, with the pets' zones. */
    private static final String ENDPOINTS_OF_PETS = """
            SELECT p.id, p.time_zone, e.id, e.kinds, e.quiet_from, e.quiet_until FROM pet p
            JOIN webhook_endpoint e ON e.account_id = p.owner_id AND e.disabled_at IS NULL
            WHERE p.id = ANY (?)
            """;
    private static final String ENQUEUE = """
            INSERT INTO webhook_delivery (id, endpoint_id, pet_id, event, payload, next_attempt_at)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::jsonb[], ?::timestamptz[])
            """;
    private static final String LEASE_DUE = """
            UPDATE webhook_delivery d SET attempts = d.attempts + 1, next_attempt_at = now() + ?::interval
            FROM (SELECT id FROM webhook_delivery
                  WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due, webhook_endpoint e
            WHERE d.id = due.id AND e.id = d.endpoint_id
            RETURNING d.id, d.endpoint_id, e.url, e.secret_ciphertext, d.payload::text
            """;
    private static final String LEASE_INTERVAL = WebhookOutbox.LEASE.toSeconds() + " seconds";
    private static final String DELIVERED = "UPDATE webhook_delivery SET delivered_at = now(), last_status = ? "
            + "WHERE id = ?";
    private static final String ATTEMPTED = "SELECT created_at, attempts, endpoint_id FROM webhook_delivery "
            + "WHERE id = ? FOR UPDATE";
    private static final String RETRY = "UPDATE webhook_delivery SET next_attempt_at = ?, last_status = ?, "
            + "last_error = ? WHERE id = ?";
    private static final String ABANDON = "UPDATE webhook_delivery SET abandoned_at = now(), last_status = ?, "
            + "last_error = ? WHERE id = ?";
    private static final String FORGET = "DELETE FROM webhook_delivery WHERE coalesce(delivered_at, abandoned_at) < ?";
    private static final String DISABLE = "UPDATE webhook_endpoint SET disabled_at = now() WHERE id = ?";
    private static final String ABANDON_ALL = """
            UPDATE webhook_delivery SET abandoned_at = now(), last_error = 'endpoint disabled: 410 Gone'
            WHERE endpoint_id = ? AND delivered_at IS NULL AND abandoned_at IS NULL
            """;

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public JdbcWebhookOutbox(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueue(List<LiveNews> news) {
        List<LiveNews> alerts = news.stream().filter(entry -> entry.name().startsWith("alert.")).toList();
        if (alerts.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            List<Subscription> subscriptions = subscriptions(connection,
                    alerts.stream().map(LiveNews::petId).distinct().toList());
            List<UUID> ids = new ArrayList<>();
            List<UUID> endpoints = new ArrayList<>();
            List<UUID> pets = new ArrayList<>();
            List<String> events = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            List<Instant> due = new ArrayList<>();
            for (LiveNews alert : alerts) {
                AlertKind kind = kindOf(alert.data());
                for (Subscription subscription : subscriptions) {
                    if (!subscription.petId.equals(alert.petId())
                            || !subscription.kinds.isEmpty() && !subscription.kinds.contains(kind)) {
                        continue;
                    }
                    ids.add(UUID.randomUUID());
                    endpoints.add(subscription.endpointId);
                    pets.add(alert.petId());
                    events.add(alert.name());
                    payloads.add("{\"type\":\"" + alert.name() + "\",\"timestamp\":\"" + now + "\",\"data\":"
                            + alert.data() + "}");
                    Instant at = subscription.quiet == null ? now : subscription.quiet.deferred(now, subscription.zone);
                    due.add(at);
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try (PreparedStatement enqueue = connection.prepareStatement(ENQUEUE)) {
                enqueue.setArray(1, SqlArrays.uuids(connection, ids));
                enqueue.setArray(2, SqlArrays.uuids(connection, endpoints));
                enqueue.setArray(3, SqlArrays.uuids(connection, pets));
                enqueue.setArray(4, SqlArrays.texts(connection, events));
                enqueue.setArray(5, SqlArrays.texts(connection, payloads));
                enqueue.setArray(6, SqlArrays.timestamps(connection, due));
                return enqueue.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not write webhook deliveries", e);
        }
    }

    /** An endpoint sent a pet's alerts. */
    private record Subscription(UUID petId, ZoneId zone, UUID endpointId, Set<AlertKind> kinds, QuietHours quiet) {
    }

    private static List<Subscription> subscriptions(Connection connection, List<UUID> petIds) throws SQLException {
        List<Subscription> subscriptions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(ENDPOINTS_OF_PETS)) {
            query.setArray(1, SqlArrays.uuids(connection, petIds));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    subscriptions.add(new Subscription(row.getObject(1, UUID.class), ZoneId.of(row.getString(2)),
                            row.getObject(3, UUID.class), JdbcWebhooks.kinds(row.getArray(4)),
                            JdbcWebhooks.quietHours(row, 5)));
                }
            }
        }
        return subscriptions;
    }

    @Override
    public List<Delivery> lease(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lease = connection.prepareStatement(LEASE_DUE)) {
            lease.setString(1, LEASE_INTERVAL);
            lease.setInt(2, limit);
            List<Delivery> leased = new ArrayList<>();
            try (ResultSet row = lease.executeQuery()) {
                while (row.next()) {
                    leased.add(new Delivery(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getString(3), row.getBytes(4), row.getString(5)));
                }
            }
            return leased;
        } catch (SQLException e) {
            throw new DatabaseException("could not lease webhook deliveries", e);
        }
    }

    @Override
    public void delivered(UUID deliveryId, int status) {
        update(DELIVERED, "could not record a webhook delivery", status, deliveryId);
    }

    @Override
    @Transactional
    public void failed(UUID deliveryId, Integer status, String error, Duration retryAfter) {
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement attempted = connection.prepareStatement(ATTEMPTED)) {
            attempted.setObject(1, deliveryId);
            try (ResultSet row = attempted.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                Instant created = row.getObject(1, OffsetDateTime.class).toInstant();
                UUID endpoint = row.getObject(3, UUID.class);
                if (status != null && status == 410) {
                    update(ABANDON, "could not record a webhook failure", status, "endpoint disabled: 410 Gone",
                            deliveryId);
                    update(DISABLE, "could not disable a webhook endpoint", endpoint);
                    update(ABANDON_ALL, "could not disable a webhook endpoint", endpoint);
                    return;
                }
                Optional<Instant> next = RetrySchedule.next(created, row.getInt(2), clock.instant(), retryAfter);
                if (next.isPresent()) {
                    update(RETRY, "could not record a webhook failure", next.get().atOffset(ZoneOffset.UTC), status,
                            shortError, deliveryId);
                } else {
                    update(ABANDON, "could not record a webhook failure", status, shortError, deliveryId);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not record a webhook failure", e);
        }
    }

    private int update(String sql, String failure, Object... parameters) {
        return SqlUpdates.run(dataSource, failure, sql, parameters);
    }

    @Override
    public int forgetBefore(Instant before) {
        return update(FORGET, "could not forget old webhook deliveries", before.atOffset(ZoneOffset.UTC));
    }

    private static AlertKind kindOf(String data) {
        try (JsonReader reader = READERS.createReader(new StringReader(data))) {
            String kind = reader.readObject().getString("kind");
            return AlertKind.ofWireName(kind).orElseThrow();
        }
    }
}
