package io.petty.domain.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How long the thread serving a request may wait for one answer from PostgreSQL: set by the web layer for as long as
 * the request is served, and applied by {@link BoundedDataSource} to every connection the thread takes, as the
 * connection's network timeout. A database that stopped answering (a frozen host, not a refused connection) then
 * costs a request this long and a {@code 503}, not the minute of the data source's socket timeout, which stays for
 * the jobs: their statements may rightly run for minutes without a byte (an erasure's DELETE, a partition's DETACH).
 * Liberty restores the data source's timeout when a connection returns to its pool (checked in-container).
 */
public final class DatabaseWaits {

    /** The bound of the current thread's request, in milliseconds; absent outside requests. */
    private static final ThreadLocal<Integer> BOUND = new ThreadLocal<>();

    private DatabaseWaits() {
    }

    /** Bounds the current thread's database waits until the returned bound is closed. */
    public static Bound bound(Duration longestWait) {
        BOUND.set(Math.toIntExact(longestWait.toMillis()));
        return BOUND::remove;
    }

    /** Gives a connection just taken the current thread's bound, if it has one. */
    static Connection apply(Connection connection) throws SQLException {
        Integer millis = BOUND.get();
        if (millis != null) {
            // PostgreSQL's driver sets the socket's read timeout at once; it uses no executor.
            connection.setNetworkTimeout(Runnable::run, millis);
        }
        return connection;
    }

    /** Ends a thread's bound. */
    @FunctionalInterface
    public interface Bound extends AutoCloseable {
        @Override
        void close();
    }
}
