package io.petty.domain.platform;

import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Gives each connection EclipseLink takes from the server's pool the current request's bound ({@link DatabaseWaits}),
 * as {@link BoundedDataSource} does for JDBC: EclipseLink looks the data source up by its JNDI name (persistence.xml),
 * so it never sees the bounded one CDI produces. Named in persistence.xml as the unit's session event listener; with
 * a pool outside EclipseLink, it announces every connection it takes, for reads and writes alike.
 */
public class BoundedJpaConnections extends SessionEventAdapter {

    /**
     * No silent retries of a query whose connection failed: EclipseLink's default is three more attempts, five
     * seconds apart (measured: a timeline read waiting on a lock answered after 12.5 s instead of 2 s). A request
     * that waited its bound answers 503 at once; the callers decide what to try again.
     */
    @Override
    public void preLogin(SessionEvent event) {
        event.getSession().getLogin().setQueryRetryAttemptCount(0);
    }

    @Override
    public void postAcquireConnection(SessionEvent event) {
        if (event.getResult() instanceof Accessor accessor) {
            Connection connection = accessor.getConnection();
            if (connection != null) {
                try {
                    DatabaseWaits.apply(connection);
                } catch (SQLException e) {
                    throw new DatabaseException("could not bound a connection's waits", e);
                }
            }
        }
    }
}
