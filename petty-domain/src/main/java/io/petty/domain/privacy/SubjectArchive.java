package io.petty.domain.privacy;

import io.petty.domain.identity.AccountService;
import io.petty.domain.identity.PiiProtector;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.telemetry.MotionWindow;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;

import javax.sql.DataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything Petty holds about one data subject (GDPR Art. 15 and 20), as a ZIP written to a stream as it is read,
 * never whole in memory: {@code <table>.json} for each exported table, {@code readings.csv} for the readings (motion
 * windows included), and last {@code manifest.json} with the subject, the time, the categories and each file's
 * SHA-256 and row count. Which rows are the subject's is {@link SubjectScopes}; which tables are exported and which
 * columns stay out (hashes, secrets, ciphertexts) is {@link #EXPORTED}, held to the inventory by its test.
 */
public final class SubjectArchive {

    /** The exported tables and the columns each leaves out; the account's e-mail and name are added in the clear. */
    public static final Map<String, Set<String>> EXPORTED = exported();
    /** Readings are many and flat: a CSV, the IMU windows as space-separated numbers. */
    public static final String READINGS = "reading";
    private static final String MANIFEST = "manifest.json";
    /** Rows fetched at a time from a cursor: the readings of a year stream through a few megabytes. */
    private static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final PiiProtector pii;

    public SubjectArchive(DataSource dataSource, PiiProtector pii) {
        this.dataSource = dataSource;
        this.pii = pii;
    }

    /** One file of the archive as the manifest lists it. */
    public record Entry(String name, String category, long rows, long bytes, String sha256) {
    }

    /**
     * Writes the archive to {@code out}, which it flushes but leaves open (the caller's to close).
     *
     * @param progress told of each file written, of all the archive's (the manifest included)
     * @return the files written, in order, the manifest last
     */
    public List<Entry> write(UUID subject, Instant at, OutputStream out, Consumer<Progress> progress) {
        List<Entry> entries = new ArrayList<>();
        // One read-only transaction: every file shows the same moment, and the cursor can stream.
        try (Connection connection = dataSource.getConnection();
             ZipOutputStream zip = new ZipOutputStream(new KeptOpen(out), StandardCharsets.UTF_8)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            int files = EXPORTED.size() + 1;
            progress.accept(new Progress(0, files));
            for (String table : EXPORTED.keySet()) {
                entries.add(table.equals(READINGS) ? csv(connection, subject, zip) : json(connection, table, subject,
                        zip));
                progress.accept(new Progress(entries.size(), files));
            }
            connection.commit();
            entries.add(manifest(subject, at, entries, zip));
            progress.accept(new Progress(files, files));
        } catch (SQLException e) {
            throw new DatabaseException("could not read the data of subject " + subject, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private Entry json(Connection connection, String table, UUID subject, ZipOutputStream zip)
            throws SQLException, IOException {
        String name = table + ".json";
        Counted file = open(zip, name);
        long rows = 0;
        try (PreparedStatement query = query(connection, table, subject);
             ResultSet row = query.executeQuery();
             JsonGenerator json = Json.createGenerator(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
            json.writeStartArray();
            ResultSetMetaData columns = row.getMetaData();
            while (row.next()) {
                json.writeStartObject();
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    String column = columns.getColumnName(c);
                    if (!EXPORTED.get(table).contains(column)) {
                        write(json, column, columns.getColumnType(c), row, c);
                    }
                }
                if (table.equals("account")) {
                    json.write("email", opened(row.getBytes("email_ciphertext"), AccountService.EMAIL_COLUMN));
                    json.write("display_name", opened(row.getBytes("display_name_ciphertext"),
                            AccountService.DISPLAY_NAME_COLUMN));
                }
                json.writeEnd();
                rows++;
            }
            json.writeEnd();
        }
        return file.close(table, rows);
    }

    private Entry csv(Connection connection, UUID subject, ZipOutputStream zip) throws SQLException, IOException {
        Counted file = open(zip, "readings.csv");
        long rows = 0;
        try (PreparedStatement query = query(connection, READINGS, subject);
             ResultSet row = query.executeQuery();
             Writer csv = new OutputStreamWriter(file, StandardCharsets.UTF_8)) {
            ResultSetMetaData columns = row.getMetaData();
            List<Integer> kept = new ArrayList<>();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                if (!EXPORTED.get(READINGS).contains(columns.getColumnName(c))) {
                    kept.add(c);
                }
            }
            csv.write(String.join(",", kept.stream().map(c -> name(columns, c)).toList()) + "\n");
            while (row.next()) {
                StringBuilder line = new StringBuilder();
                for (int c : kept) {
                    line.append(line.isEmpty() ? "" : ",").append(cell(columns.getColumnType(c), row, c));
                }
                csv.write(line.append('\n').toString());
                rows++;
            }
        }
        return file.close(READINGS, rows);
    }

    private Entry manifest(UUID subject, Instant at, List<Entry> entries, ZipOutputStream zip) throws IOException {
        JsonArrayBuilder files = Json.createArrayBuilder();
        JsonArrayBuilder categories = Json.createArrayBuilder();
        for (Entry entry : entries) {
            files.add(Json.createObjectBuilder().add("name", entry.name()).add("category", entry.category())
                    .add("rows", entry.rows()).add("bytes", entry.bytes()).add("sha256", entry.sha256()));
            categories.add(entry.category());
        }
        JsonObjectBuilder manifest = Json.createObjectBuilder().add("subject", subject.toString())
                .add("created_at", at.toString()).add("categories", categories).add("files", files);
        Counted file = open(zip, MANIFEST);
        file.write(manifest.build().toString().getBytes(StandardCharsets.UTF_8));
        return file.close("manifest", 1);
    }

    private static PreparedStatement query(Connection connection, String table, UUID subject) throws SQLException {
        PreparedStatement query = connection.prepareStatement(SubjectScopes.select(table));
        query.setFetchSize(FETCH_SIZE);
        query.setObject(1, subject);
        return query;
    }

    private static void write(JsonGenerator json, String column, int type, ResultSet row, int c) throws SQLException {
        Object value = row.getObject(c);
        if (value == null) {
            json.writeNull(column);
            return;
        }
        switch (type) {
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> json.write(column, row.getLong(c));
            case Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> json.write(column, row.getBigDecimal(c));
            case Types.BOOLEAN, Types.BIT -> json.write(column, row.getBoolean(c));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    json.write(column, row.getObject(c, OffsetDateTime.class).toInstant().toString());
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY ->
                    json.write(column, Base64.getEncoder().encodeToString(row.getBytes(c)));
            default -> json.write(column, row.getString(c));
        }
    }

    /** A CSV cell: IMU windows as space-separated numbers, text quoted when it must be. */
    private static String cell(int type, ResultSet row, int c) throws SQLException {
        if (row.getObject(c) == null) {
            return "";
        }
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
            StringBuilder numbers = new StringBuilder();
            for (float value : MotionWindow.unpack(row.getBytes(c))) {
                numbers.append(numbers.isEmpty() ? "" : " ").append(value);
            }
            return numbers.toString();
        }
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            return row.getObject(c, OffsetDateTime.class).toInstant().toString();
        }
        String text = row.getString(c);
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String name(ResultSetMetaData columns, int c) {
        try {
            return columns.getColumnName(c);
        } catch (SQLException e) {
            throw new DatabaseException("could not read a column name", e);
        }
    }

    private String opened(byte[] sealed, String column) {
        return sealed == null ? "" : pii.open(sealed, column);
    }

    private static Counted open(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        return new Counted(zip, name);
    }

    /** The caller's stream, flushed where the ZIP would close it. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** One entry's bytes as written, counted and hashed; closing it ends the entry, not the ZIP. */
    private static final class Counted extends FilterOutputStream {
        private final ZipOutputStream zip;
        private final String name;
        private final MessageDigest sha256;
        private long bytes;
        private boolean closed;

        Counted(ZipOutputStream zip, String name) {
            super(null);
            this.zip = zip;
            this.name = name;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
            this.out = new DigestOutputStream(zip, sha256);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
                zip.closeEntry();
            }
        }

        Entry close(String category, long rows) throws IOException {
            close();
            return new Entry(name, category, rows, bytes, HexFormat.of().formatHex(sha256.digest()));
        }
    }

    private static Map<String, Set<String>> exported() {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        tables.put("account", Set.of("password_hash", "email_hmac", "email_ciphertext", "display_name_ciphertext"));
        tables.put("pet", Set.of());
        tables.put("collar", Set.of("secret_hash", "claim_code_hash"));
        tables.put("collar_pairing", Set.of());
        tables.put(READINGS, Set.of());
        tables.put("latest_reading", Set.of());
        tables.put("behavior_event", Set.of());
        tables.put("behavior_day", Set.of());
        tables.put("alert", Set.of());
        tables.put("feedback", Set.of());
        tables.put("webhook_endpoint", Set.of("secret_ciphertext"));
        tables.put("refresh_token", Set.of("token_hash"));
        tables.put("dead_letter", Set.of());
        tables.put("audit_event", Set.of("prev_hash", "hash"));
        return Collections.unmodifiableMap(tables);
    }
}
