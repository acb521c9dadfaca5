package io.petty.domain.idempotency.internal;

import io.petty.domain.idempotency.IdempotencyStore.Claim;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JdbcIdempotencyStoreTest {

    private static final byte[] BODY = {1, 2, 3};
    private static final byte[] OTHER_BODY = {4, 5, 6};

    private DataSource database;
    private JdbcIdempotencyStore store;

    @BeforeEach
    void migratedDatabase() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        store = new JdbcIdempotencyStore(database);
    }

    @Test
    void theFirstRequestRunsACopyWaitsAndARetryGetsTheFirstAnswer() {
        assertEquals(new Claim.Run(), store.claim("SN-001", "key-1", BODY));
        assertEquals(new Claim.InProgress(), store.claim("SN-001", "key-1", BODY));

        store.complete("SN-001", "key-1", 201, "{\"stored\":1}");

        assertEquals(new Claim.Replay(201, "{\"stored\":1}"), store.claim("SN-001", "key-1", BODY));
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictButAnotherCallersKeyIsTheirOwn() {
        store.claim("SN-001", "key-1", BODY);
        store.complete("SN-001", "key-1", 201, "{}");

        assertEquals(new Claim.Conflict(), store.claim("SN-001", "key-1", OTHER_BODY));
        assertEquals(new Claim.Run(), store.claim("SN-002", "key-1", OTHER_BODY));
    }

    @Test
    void aReleasedClaimRunsAgainAndAnAbandonedOneIsRetaken() throws SQLException {
        store.claim("SN-001", "released", BODY);
        store.release("SN-001", "released");
        assertEquals(new Claim.Run(), store.claim("SN-001", "released", BODY));

        store.claim("SN-001", "abandoned", BODY);
        age("abandoned", "2 minutes");
        assertEquals(new Claim.Run(), store.claim("SN-001", "abandoned", BODY));
        assertEquals(new Claim.InProgress(), store.claim("SN-001", "abandoned", BODY));
    }

    @Test
    void anAnsweredKeyIsNeitherReleasedNorRetakenButPurgedAfterItsDay() throws SQLException {
        store.claim("SN-001", "answered", BODY);
        store.complete("SN-001", "answered", 200, "{}");
        store.release("SN-001", "answered");
        age("answered", "2 minutes");
        assertEquals(new Claim.Replay(200, "{}"), store.claim("SN-001", "answered", BODY));

        assertEquals(0, store.purgeCreatedBefore(Instant.now().minusSeconds(3600)));
        assertEquals(1, store.purgeCreatedBefore(Instant.now()));
        assertEquals(new Claim.Run(), store.claim("SN-001", "answered", BODY));
    }

    private void age(String key, String interval) throws SQLException {
        try (Connection connection = database.getConnection(); Statement update = connection.createStatement()) {
            update.execute("UPDATE idempotent_request SET created_at = created_at - interval '" + interval
                    + "' WHERE key = '" + key + "'");
        }
    }
}
