package io.petty.domain.privacy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alice erased on a real PostgreSQL: nothing of hers left, Bob untouched, the shared collar still his. */
class SubjectErasureTest {

    private DataSource database;
    private SubjectErasure erasure;

    @BeforeEach
    void twoOwners() throws SQLException {
        database = TwoOwners.database();
        erasure = new SubjectErasure(database);
    }

    @Test
    void nothingOfTheSubjectIsLeftAndTheOtherOwnerKeepsEverything() throws SQLException {
        execute("UPDATE export_request SET archive = lo_from_bytea(0, '\\x01') WHERE subject_id = '" + TwoOwners.ALICE
                + "'");
        long archives = count("SELECT count(*) FROM pg_largeobject_metadata");
        Map<String, Long> bobsBefore = counts(TwoOwners.BOB);
        assertTrue(erasure.remaining(TwoOwners.ALICE).size() > 10, "Alice has rows in every table before");

        List<Progress> progress = new ArrayList<>();
        Map<String, Integer> removed = erasure.erase(TwoOwners.ALICE, progress::add);

        assertEquals(Map.of(), erasure.remaining(TwoOwners.ALICE));
        assertEquals(bobsBefore, counts(TwoOwners.BOB), "Bob's rows, every one of them");
        assertEquals(1, removed.get("account"));
        assertEquals(2, removed.get("reading"), "her pet's span of the shared collar and her own collar's");
        assertEquals(1, count("SELECT count(*) FROM collar WHERE id = '" + TwoOwners.ALICES_OWN + "' AND pet_id IS NULL"),
                "her collar stays, unpaired, for its next owner");
        assertEquals(1, count("SELECT count(*) FROM collar WHERE id = '" + TwoOwners.SHARED + "' AND pet_id = '"
                + TwoOwners.BOBS_PET + "'"), "the collar she once had is Bob's still");
        assertEquals(2, count("SELECT count(*) FROM audit_event"), "audit entries are kept");
        assertEquals(archives - 1, count("SELECT count(*) FROM pg_largeobject_metadata"), "her export's archive too");
        int tables = SubjectScopes.tables().size();
        assertEquals(new Progress(0, tables), progress.get(0));
        assertEquals(new Progress(tables, tables), progress.get(progress.size() - 1));
        assertEquals(tables + 1, progress.size());
    }

    @Test
    void erasingAgainFindsNothingMore() {
        erasure.erase(TwoOwners.ALICE, progress -> { });
        Map<String, Integer> again = erasure.erase(TwoOwners.ALICE, progress -> { });
        assertEquals(SubjectScopes.tables().stream().filter(table -> !SubjectErasure.KEPT.contains(table)).toList(),
                List.copyOf(again.keySet()), "every table gone through again");
        assertTrue(again.values().stream().allMatch(rows -> rows == 0), again.toString());
        assertEquals(Map.of(), erasure.remaining(TwoOwners.ALICE));
    }

    private Map<String, Long> counts(UUID subject) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : SubjectScopes.tables()) {
            counts.put(table, count("SELECT count(*) FROM (" + SubjectScopes.select(table) + ") x", subject));
        }
        return counts;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        return count(sql, null);
    }

    private long count(String sql, UUID subject) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            if (subject != null) {
                query.setObject(1, subject);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
