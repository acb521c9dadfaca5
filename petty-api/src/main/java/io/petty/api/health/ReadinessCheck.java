package io.petty.api.health;

import io.petty.api.platform.DatabaseLifecycle;
import io.petty.api.platform.SecurityChangeListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ready means requests can be served: PostgreSQL answers now, the schema is the one the code expects, and this
 * server knows every revocation and signing key (it must not accept a token another instance revoked).
 */
@Readiness
@Dependent
public class ReadinessCheck implements HealthCheck {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final DatabaseLifecycle lifecycle;
    private final SecurityChangeListener security;

    @Inject
    public ReadinessCheck(DataSource dataSource, DatabaseLifecycle lifecycle, SecurityChangeListener security) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
        this.security = security;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseLifecycle.SchemaState schema = lifecycle.state();
        boolean reachable = databaseAnswers();
        boolean securityCurrent = security.isCurrent();
        return HealthCheckResponse.named("database")
                .status(reachable && schema.current() && securityCurrent)
                .withData("reachable", reachable)
                .withData("schema", schema.detail())
                .withData("revocations_and_keys", securityCurrent ? "current" : "loading")
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
