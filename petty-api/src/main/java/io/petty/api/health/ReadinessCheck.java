package io.petty.api.health;

import io.petty.api.platform.DatabaseLifecycle;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Ready means requests can be served: PostgreSQL answers now, and the schema is the one the code expects. */
@Readiness
@Dependent
public class ReadinessCheck implements HealthCheck {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final DatabaseLifecycle lifecycle;

    @Inject
    public ReadinessCheck(DataSource dataSource, DatabaseLifecycle lifecycle) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseLifecycle.SchemaState schema = lifecycle.state();
        boolean reachable = databaseAnswers();
        return HealthCheckResponse.named("database")
                .status(reachable && schema.current())
                .withData("reachable", reachable)
                .withData("schema", schema.detail())
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
