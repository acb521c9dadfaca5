package io.petty.cli;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code petty dead-letters}, run as a user runs it against a migrated database. */
class DeadLettersCommandTest {

    private String url;

    @BeforeEach
    void databaseWithThreeRefusedReadings() throws SQLException {
        url = TestPostgres.freshDatabaseUrl();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestPostgres.USER);
        new SchemaMigrations(dataSource).migrate();
        try (Connection connection = dataSource.getConnection(); Statement insert = connection.createStatement()) {
            insert.execute("""
                    INSERT INTO dead_letter (collar_id, request_id, item_index, error_fields, error_messages, payload)
                    VALUES ('SN-001', 'req-1', 0, '{heart_rate}', '{must be from 30 to 300}', '{"heart_rate": 999}'),
                           ('SN-002', 'req-2', NULL, '{timestamp,activity_level}', '{is required,is required}', '{}'),
                           ('SN-001', 'req-3', 7, '{collar_id}', '{must be this token''s collar, SN-001}',
                            '{"collar_id": "SN-999", "padding": "%s"}')
                    """.formatted("x".repeat(200)));
        }
    }

    @Test
    void listsNewestFirstAsATableWithTheReasonsAndTheStartOfThePayload() {
        CommandRun run = petty("dead-letters");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(4, lines.length, run.out());
        assertTrue(lines[0].startsWith("ID "), lines[0]);
        assertTrue(lines[1].contains("SN-001") && lines[1].contains("collar_id: must be this token's collar")
                && lines[1].endsWith("…"), lines[1]);
        assertTrue(lines[2].contains("timestamp: is required; activity_level: is required"), lines[2]);
        assertTrue(lines[3].contains("heart_rate: must be from 30 to 300") && lines[3].contains("{\"heart_rate\": 999}"),
                lines[3]);
    }

    @Test
    void filtersByCollarPagesAndSpeaksJson() {
        CommandRun run = petty("dead-letters", "--collar", "SN-001", "--limit", "1", "--output", "json");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonArray letters = Json.createReader(new StringReader(run.out())).readObject().getJsonArray("dead_letters");
        assertEquals(1, letters.size());
        JsonObject newest = letters.getJsonObject(0);
        assertEquals("req-3", newest.getString("request_id"));
        assertEquals(7, newest.getInt("index"));
        assertEquals("collar_id", newest.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertTrue(newest.getString("payload").endsWith("x\"}"), "the whole payload in JSON");

        CommandRun next = petty("dead-letters", "--collar", "SN-001", "--before", Long.toString(newest.getJsonNumber("id")
                .longValue()), "--output", "JSON");
        JsonArray older = Json.createReader(new StringReader(next.out())).readObject().getJsonArray("dead_letters");
        assertEquals(1, older.size());
        assertEquals("req-1", older.getJsonObject(0).getString("request_id"));
    }

    @Test
    void saysSoWhenThereAreNoneAndRefusesANonsenseLimit() {
        assertEquals("No dead letters.\n", petty("dead-letters", "--collar", "SN-404").out());
        assertEquals(ExitCode.USAGE, petty("dead-letters", "--limit", "0").exitCode());
    }

    private CommandRun petty(String... args) {
        String[] full = Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--db-url", url, "--db-user", TestPostgres.USER}, 0, full, args.length, 4);
        return CommandRun.petty(full);
    }
}
