package io.petty.domain.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;
import java.time.Clock;

/** Makes the server's resources injectable by constructor, and gives the whole domain one clock. */
@ApplicationScoped
public class PlatformResources {

    /** Configured in server.xml; its URL and credentials come from PETTY_DB_URL/_USER/_PASSWORD. */
    @Resource(lookup = "jdbc/petty")
    private DataSource server;

    /** Typed: it is also a ManagedExecutorService, which must have one producer only. */
    @Produces
    @Typed(ManagedScheduledExecutorService.class)
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    @Produces
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Produces
    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    /** The server's data source, its connections bounded on a request's thread (DatabaseWaits). */
    @Produces
    DataSource dataSource() {
        return new BoundedDataSource(server);
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
