package io.petty.api.problem;

import io.petty.domain.platform.DatabaseException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
