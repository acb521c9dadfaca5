package io.petty.domain.jobs.internal;

import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A nightly job's day is claimed by one server only, on a real PostgreSQL. */
class JdbcScheduledRunsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:05Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-07");

    @Test
    void theFirstServerToClaimADayStartsItsRunAndNoOtherDoes() throws Exception {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        JdbcScheduledRuns first = new JdbcScheduledRuns(database);
        JdbcScheduledRuns second = new JdbcScheduledRuns(database);

        assertTrue(first.claim("retention", DAY, "a:1", NOW));
        assertFalse(second.claim("retention", DAY, "b:2", NOW), "another server finds the day taken");
        assertFalse(first.claim("retention", DAY, "a:1", NOW.plusSeconds(60)), "nor does the same server twice");
        assertTrue(second.claim("retention", DAY.plusDays(1), "b:2", NOW.plusSeconds(86_400)), "the next day is free");
        assertTrue(second.claim("reanalysis", DAY, "b:2", NOW), "and each job has its own days");
        second.release("reanalysis", DAY);
        assertTrue(first.claim("reanalysis", DAY, "a:1", NOW.plusSeconds(60)), "a released claim is free again");
        first.started("retention", DAY, 42);
        first.release("retention", DAY);

        try (Connection connection = database.getConnection(); Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(
                     "SELECT claimed_by, execution_id FROM scheduled_job_run WHERE job = 'retention' AND day = '"
                             + DAY + "'")) {
            assertTrue(row.next());
            assertEquals("a:1", row.getString(1));
            assertEquals(42, row.getLong(2), "a started run's claim is never released");
        }
    }
}
