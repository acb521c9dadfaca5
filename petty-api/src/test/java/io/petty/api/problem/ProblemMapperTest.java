package io.petty.api.problem;

import io.petty.domain.platform.DatabaseException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemMapperTest {

    private static DatabaseException failed(String sqlState) {
        return new DatabaseException("storing a pet failed", new SQLException("refused", sqlState));
    }

    @Test
    void dataErrorsAreTheClientsAndNotOutages() {
        assertEquals(ProblemType.UNSTORABLE_VALUE, ProblemMapper.refusedByDatabase(failed("22021")));
        assertEquals(ProblemType.UNSTORABLE_VALUE, ProblemMapper.refusedByDatabase(failed("22003")));
        assertEquals(422, ProblemType.UNSTORABLE_VALUE.status());
        assertEquals(ProblemType.CONFLICT, ProblemMapper.refusedByDatabase(failed("23505")));
        assertEquals(ProblemType.CONFLICT,
                ProblemMapper.refusedByDatabase(new IllegalStateException("wrapped", failed("23503"))));
        assertEquals(409, ProblemType.CONFLICT.status());
    }

    @Test
    void outagesAndBugsStayServerErrors() {
        assertNull(ProblemMapper.refusedByDatabase(failed("08006")));
        assertNull(ProblemMapper.refusedByDatabase(failed("57014")));
        assertNull(ProblemMapper.refusedByDatabase(failed(null)));
        assertNull(ProblemMapper.refusedByDatabase(new IllegalStateException("no database")));
    }

    @Test
    void aDatabaseThatDoesNotAnswerThroughJpaIsAnOutageNotABug() {
        // As JPA wraps them: the driver's timeout (08006), the pool's wait, a statement timed out.
        assertTrue(ProblemMapper.databaseUnreachable(
                new IllegalStateException("JPA", new SQLException("An I/O error occurred", "08006"))));
        assertTrue(ProblemMapper.databaseUnreachable(
                new IllegalStateException("JPA", new SQLTransientConnectionException("no connection in 1 s"))));
        assertTrue(ProblemMapper.databaseUnreachable(new SQLTimeoutException("timed out")));
        assertFalse(ProblemMapper.databaseUnreachable(
                new IllegalStateException("JPA", new SQLException("syntax error", "42601"))));
        assertFalse(ProblemMapper.databaseUnreachable(new IllegalStateException("a bug")));
    }
}
