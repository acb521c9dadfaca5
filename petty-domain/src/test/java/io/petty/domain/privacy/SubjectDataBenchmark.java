package io.petty.domain.privacy;

import io.petty.domain.crypto.Aead;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.privacy.internal.JdbcExportRequests;
import io.petty.domain.secrets.SecretStore;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

/**
 * The export and the erasure of a subject with 1,000,000 readings (the benchmark), on an embedded
 * PostgreSQL, each beside its baseline in the same round: for the export (the archive written into a large object,
 * as the job does), PostgreSQL's own {@code COPY} of the same readings to nowhere; for the erasure, a bare
 * {@code DELETE} of them (rolled back). Three rounds, medians.
 *
 * <pre>
 * mvn -q -pl petty-domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath io.petty.domain.privacy.SubjectDataBenchmark"
 * </pre>
 */
public final class SubjectDataBenchmark {

    private static final int READINGS = 1_000_000;
    private static final int ROUNDS = 3;

    private SubjectDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> exports = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        List<Double> erasures = new ArrayList<>();
        List<Double> deletes = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            DataSource database = TwoOwners.database();
            readings(database);
            PiiProtector pii = new PiiProtector(new SecretStore(database, new MasterKey(Aead.newKey()),
                    Clock.systemUTC()));
            JdbcExportRequests requests = new JdbcExportRequests(database);
            UUID export = UUID.randomUUID();
            Instant now = Instant.now();
            requests.add(new ExportRequest(export, TwoOwners.ALICE, TwoOwners.ALICE, "benchmark", now, null, null,
                    null, null, null, null));
            long start = System.nanoTime();
            // As the job does it: the archive written into a large object in one transaction.
            requests.storeArchive(export, out -> new SubjectArchive(database, pii).write(TwoOwners.ALICE, now, out,
                    progress -> { }),
                    now, now.plusSeconds(60));
            exports.add(seconds(start));
            long archiveBytes = requests.find(export).orElseThrow().archiveBytes();
            start = System.nanoTime();
            copy(database);
            copies.add(seconds(start));
            start = System.nanoTime();
            delete(database);
            deletes.add(seconds(start));
            start = System.nanoTime();
            Map<String, Integer> removed = new SubjectErasure(database).erase(TwoOwners.ALICE, progress -> { });
            erasures.add(seconds(start));
            System.out.printf(Locale.ROOT, "round %d: export %.2f s (%d MB), COPY %.2f s; erasure %.2f s (%d readings),"
                            + " bare DELETE %.2f s%n", round, exports.get(round - 1), archiveBytes / 1_000_000,
                    copies.get(round - 1), erasures.get(round - 1), removed.get("reading"), deletes.get(round - 1));
        }
        System.out.printf(Locale.ROOT, "medians: export %.2f s, COPY %.2f s (export/COPY %.2f); erasure %.2f s, bare"
                        + " DELETE %.2f s (erasure/DELETE %.2f)%n", median(exports), median(copies),
                median(exports) / median(copies), median(erasures), median(deletes),
                median(erasures) / median(deletes));
    }

    /** Alice's own collar, a reading a second from December 5th (after the fixture's): some 12 days of partitions. */
    private static void readings(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SELECT ensure_reading_partition(d::date) FROM generate_series(timestamptz '2026-12-05',"
                    + " timestamptz '2026-12-05' + interval '" + READINGS + " seconds', interval '1 day') d");
            sql.execute("INSERT INTO reading (collar_id, ts, heart_rate, activity_level, lat_e6, lon_e6, battery_pct,"
                    + " temperature_c, received_at) SELECT '" + TwoOwners.ALICES_OWN + "', timestamptz '2026-12-05'"
                    + " + i * interval '1 second', 60 + i % 60, i % 3, 60169900 + i % 1000, 24938400 + i % 1000,"
                    + " 90, 385, timestamptz '2026-12-05' + i * interval '1 second' FROM generate_series(1, "
                    + (READINGS - 1) + ") i");
            sql.execute("ANALYZE reading");
        }
    }

    private static void copy(DataSource database) throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM reading WHERE collar_id"
                    + " IN ('" + TwoOwners.ALICES_OWN + "', '" + TwoOwners.SHARED + "')) TO STDOUT WITH CSV",
                    new CountingSink());
        }
    }

    private static void delete(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("DELETE FROM reading WHERE collar_id = '" + TwoOwners.ALICES_OWN + "'");
            connection.rollback();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Where COPY's rows go: counted, kept nowhere. */
    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
