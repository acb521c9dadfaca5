package io.petty.domain.webhooks.internal;

import io.petty.domain.alerts.AlertKind;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlTransactions;
import io.petty.domain.platform.SqlUpdates;
import io.petty.domain.webhooks.QuietHours;
import io.petty.domain.webhooks.WebhookEndpoint;
import io.petty.domain.webhooks.WebhookSecrets;
import io.petty.domain.webhooks.Webhooks;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The owners' endpoints in plain JDBC, as the outbox reads them too. */
@Dependent
public class JdbcWebhooks implements Webhooks {

    private static final String COLUMNS =
            "id, account_id, url, kinds, quiet_from, quiet_until, created_at, disabled_at";
    /** Registrations of one account wait for each other here, so that each counts the ones before it. */
    private static final String LOCK_ACCOUNT = "SELECT 1 FROM account WHERE id = ? FOR NO KEY UPDATE";
    private static final String ADD = """
            INSERT INTO webhook_endpoint (id, account_id, url, secret_ciphertext, kinds, quiet_from, quiet_until,
                                          created_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM webhook_endpoint WHERE account_id = ?) < ?
            """;
    private static final String OF_ACCOUNT = "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE account_id = ? "
            + "ORDER BY created_at";
    private static final String REMOVE = "DELETE FROM webhook_endpoint WHERE id = ? AND account_id = ?";

    private final DataSource dataSource;
    private final WebhookSecrets secrets;

    @Inject
    public JdbcWebhooks(DataSource dataSource, WebhookSecrets secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    @Override
    public boolean add(WebhookEndpoint endpoint, byte[] secret, int limit) {
        // Sealed first: the secret store may make its key, in a transaction of its own, the first time.
        byte[] sealed = secrets.seal(endpoint.id(), secret);
        return SqlTransactions.run(dataSource, "could not store a webhook endpoint",
                connection -> add(connection, endpoint, sealed, limit));
    }

    private static boolean add(Connection connection, WebhookEndpoint endpoint, byte[] sealed, int limit)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ACCOUNT)) {
            lock.setObject(1, endpoint.accountId());
            lock.executeQuery().close();
        }
        try (PreparedStatement add = connection.prepareStatement(ADD)) {
            add.setObject(1, endpoint.id());
            add.setObject(2, endpoint.accountId());
            add.setString(3, endpoint.url());
            add.setBytes(4, sealed);
            add.setArray(5, connection.createArrayOf("text",
                    endpoint.kinds().stream().map(AlertKind::wireName).toArray()));
            QuietHours quiet = endpoint.quietHours();
            add.setObject(6, quiet == null ? null : quiet.from());
            add.setObject(7, quiet == null ? null : quiet.until());
            add.setObject(8, endpoint.createdAt().atOffset(ZoneOffset.UTC));
            add.setObject(9, endpoint.accountId());
            add.setInt(10, limit);
            return add.executeUpdate() == 1;
        }
    }

    @Override
    public List<WebhookEndpoint> ofAccount(UUID accountId) {
        return endpoints(OF_ACCOUNT, accountId);
    }

    @Override
    public boolean remove(UUID accountId, UUID endpointId) {
        return SqlUpdates.run(dataSource, "could not remove a webhook endpoint", REMOVE, endpointId, accountId) > 0;
    }

    private List<WebhookEndpoint> endpoints(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            List<WebhookEndpoint> endpoints = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    endpoints.add(new WebhookEndpoint(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getString(3), kinds(row.getArray(4)), quietHours(row, 5),
                            row.getObject(7, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(row.getObject(8, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                    .orElse(null)));
                }
            }
            return endpoints;
        } catch (SQLException e) {
            throw new DatabaseException("could not read webhook endpoints", e);
        }
    }

    /** The alert kinds of a {@code kinds} column. */
    static Set<AlertKind> kinds(Array array) throws SQLException {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (Object name : (Object[]) array.getArray()) {
            AlertKind.ofWireName((String) name).ifPresent(kinds::add);
        }
        return kinds;
    }

    /** The quiet hours of the {@code quiet_from} column at {@code column} and the one after it. */
    static QuietHours quietHours(ResultSet row, int column) throws SQLException {
        Time from = row.getTime(column);
        Time until = row.getTime(column + 1);
        return from == null ? null : new QuietHours(from.toLocalTime(), until.toLocalTime());
    }
}
