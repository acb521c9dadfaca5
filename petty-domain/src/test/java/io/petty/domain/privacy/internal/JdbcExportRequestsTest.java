package io.petty.domain.privacy.internal;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.privacy.ExportRequest;
import io.petty.domain.testing.Archives;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export archives as large objects on a real PostgreSQL: written whole or not at all, read back, expired. */
class JdbcExportRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    private DataSource database;
    private JdbcExportRequests requests;
    private UUID id;

    @BeforeEach
    void aRequest() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        requests = new JdbcExportRequests(database);
        id = UUID.randomUUID();
        requests.add(new ExportRequest(id, UUID.randomUUID(), UUID.randomUUID(), "ticket 1", NOW, null, null, null,
                null, null, null));
    }

    @Test
    void anArchiveIsStoredAndReadBackByteForByteWithItsChecksum() throws Exception {
        byte[] archive = new byte[3 * 1024 * 1024 + 17]; // over the driver's buffers
        Arrays.fill(archive, (byte) 7);
        requests.storeArchive(id, out -> write(out, archive), NOW, NOW.plusSeconds(60));

        ExportRequest stored = requests.find(id).orElseThrow();
        assertEquals(archive.length, stored.archiveBytes());
        assertEquals(Archives.sha256(archive), stored.archiveSha256());
        assertEquals(NOW.plusSeconds(60), stored.expiresAt());
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        assertTrue(requests.readArchive(id, read));
        assertArrayEquals(archive, read.toByteArray());
    }

    @Test
    void aWriterThatFailsHalfWayLeavesNothing() throws SQLException {
        assertThrows(IllegalStateException.class, () -> requests.storeArchive(id, out -> {
            write(out, new byte[100_000]);
            throw new IllegalStateException("killed");
        }, NOW, NOW.plusSeconds(60)));
        assertNull(requests.find(id).orElseThrow().completedAt());
        assertFalse(requests.readArchive(id, new ByteArrayOutputStream()));
        assertEquals(0, largeObjects(), "the half-written archive went with the transaction");
    }

    @Test
    void anExpiredArchiveIsDeletedAndTheRequestKept() throws SQLException {
        requests.storeArchive(id, out -> write(out, new byte[] {1, 2, 3}), NOW, NOW.plusSeconds(60));
        assertEquals(0, requests.forgetExpired(NOW.plusSeconds(59)), "not yet");
        assertEquals(1, largeObjects());
        assertEquals(1, requests.forgetExpired(NOW.plusSeconds(60)));
        assertEquals(0, largeObjects());
        assertFalse(requests.readArchive(id, new ByteArrayOutputStream()));
        assertEquals("ticket 1", requests.find(id).orElseThrow().reason(), "the request stays as evidence");
        assertEquals(0, requests.forgetExpired(NOW.plusSeconds(3600)));
    }

    private long largeObjects() throws SQLException {
        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT count(*) FROM pg_largeobject_metadata")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
