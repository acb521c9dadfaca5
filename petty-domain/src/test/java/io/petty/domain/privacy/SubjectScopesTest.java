package io.petty.domain.privacy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subject scopes against the inventory and a real PostgreSQL: two owners with rows in every personal-data table,
 * one collar worn by a pet of each in turn; each owner's scope holds every row of theirs and none of the other's.
 */
class SubjectScopesTest {

    private static final Path INVENTORY = Path.of("..", "compliance", "data-inventory.json");
    private static final UUID ALICE = TwoOwners.ALICE;
    private static final UUID BOB = TwoOwners.BOB;
    private static final String SHARED = TwoOwners.SHARED;

    private static DataSource database;

    @BeforeAll
    static void twoOwnersWithRowsEverywhere() throws SQLException {
        database = TwoOwners.database();
    }

    @Test
    void everyPersonalDataTableOfTheInventoryIsScopedOrSaysWhyNot() throws IOException {
        Set<String> personal = new TreeSet<>();
        JsonObject tables = inventory().getJsonObject("tables");
        tables.forEach((table, entry) -> {
            if (entry.asJsonObject().getBoolean("personal_data")) {
                personal.add(table);
            }
        });
        Set<String> covered = new TreeSet<>(SubjectScopes.tables());
        covered.addAll(SubjectScopes.NOT_COVERED.keySet());
        assertEquals(personal, covered, "a table with personal data must say where a subject's rows are");
        for (String table : SubjectScopes.NOT_COVERED.keySet()) {
            assertTrue(tables.getJsonObject(table).getString("erasure").startsWith("not erased"), table);
        }
    }

    @Test
    void eachOwnersScopeHoldsEveryRowOfTheirsAndNoneOfTheOthers() throws SQLException {
        for (String table : SubjectScopes.tables()) {
            Set<String> alices = rows(SubjectScopes.select(table), ALICE);
            Set<String> bobs = rows(SubjectScopes.select(table), BOB);
            assertFalse(alices.isEmpty(), table + ": Alice has rows here");
            assertFalse(bobs.isEmpty(), table + ": Bob has rows here");
            Set<String> both = new HashSet<>(alices);
            both.retainAll(bobs);
            assertEquals(Set.of(), both, table + ": a row is in both owners' scopes");
            Set<String> union = new HashSet<>(alices);
            union.addAll(bobs);
            assertEquals(rows("SELECT t.* FROM " + table + " t", null), union, table + ": a row is in neither scope");
        }
    }

    @Test
    void theSharedCollarsRowsAreSplitAtTheChangeOfOwners() throws SQLException {
        Set<String> alices = rows(SubjectScopes.select("reading"), ALICE);
        assertTrue(alices.stream().anyMatch(row -> row.contains(SHARED) && row.contains("2026-12-01 10:00")), alices
                .toString());
        assertFalse(alices.stream().anyMatch(row -> row.contains("2026-12-02")), "Bob's span is not Alice's");
        assertEquals(Set.of(), rows(SubjectScopes.select("collar"), ALICE).stream()
                .filter(row -> row.contains(SHARED)).collect(Collectors.toSet()),
                "the collar itself is its present owner's");
    }

    private static Set<String> rows(String select, UUID subject) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT CAST(x AS text) FROM (" + select + ") x")) {
            if (subject != null) {
                query.setObject(1, subject);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1));
                }
            }
        }
        return rows;
    }

    private static JsonObject inventory() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(INVENTORY))) {
            return reader.readObject();
        }
    }
}
