package io.petty.domain.compliance;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compliance/data-inventory.json must describe exactly the tables and columns the migrations create. */
class ComplianceInventoryTest {

    private static final Path INVENTORY = Path.of("..", "compliance", "data-inventory.json");

    @Test
    void inventoryListsExactlyTheSchemasTablesAndColumns() throws IOException, SQLException {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();

        assertEquals(schema(database), inventory());
    }

    @Test
    void everyTableWithPersonalDataSaysHowExportErasureAndRetentionTreatIt() throws IOException {
        JsonObject tables = readInventory().getJsonObject("tables");
        for (String table : tables.keySet()) {
            JsonObject entry = tables.getJsonObject(table);
            if (entry.getBoolean("personal_data")) {
                for (String duty : Set.of("subject", "legal_basis", "export", "erasure", "retention")) {
                    assertTrue(entry.containsKey(duty) && !entry.getString(duty).isBlank(), table + " lacks " + duty);
                }
            }
        }
    }

    private static Map<String, Set<String>> inventory() throws IOException {
        Map<String, Set<String>> tables = new TreeMap<>();
        JsonObject listed = readInventory().getJsonObject("tables");
        listed.forEach((table, entry) -> tables.put(table,
                new TreeSet<>(entry.asJsonObject().getJsonObject("columns").keySet())));
        return tables;
    }

    private static JsonObject readInventory() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(INVENTORY))) {
            return reader.readObject();
        }
    }

    /** Tables of the public schema (partitions count as their parent), with their columns. */
    private static Map<String, Set<String>> schema(DataSource database) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             ResultSet columns = query.executeQuery("""
                     SELECT c.relname, a.attname
                     FROM pg_class c
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                     """)) {
            while (columns.next()) {
                tables.computeIfAbsent(columns.getString(1), table -> new TreeSet<>()).add(columns.getString(2));
            }
        }
        return tables;
    }
}
