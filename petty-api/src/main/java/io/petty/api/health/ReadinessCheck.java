package io.petty.api.health;

import io.petty.api.http.DatabaseCircuit;
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
 * Ready means requests can be served: the circuit to the database is closed and PostgreSQL answers now, the schema is
 * the one the code expects, and this server knows every revocation and signing key (it must not accept a token
 * another instance revoked). Asking the circuit is what closes it by itself when no request comes.
 */
@Readiness
@Dependent
public class ReadinessCheck implements HealthCheck {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final DatabaseLifecycle lifecycle;
    private final SecurityChangeListener security;
    private final DatabaseCircuit circuit;

    @Inject
    public ReadinessCheck(DataSource dataSource, DatabaseLifecycle lifecycle, SecurityChangeListener security,
                          DatabaseCircuit circuit) {
        this.dataSource = dataSource;
        this.lifecycle = lifecycle;
        this.security = security;
        this.circuit = circuit;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseLifecycle.SchemaState schema = lifecycle.state();
        boolean circuitClosed = circuit.admits();
        boolean reachable = circuitClosed && databaseAnswers();
        boolean securityCurrent = security.isCurrent();
        return HealthCheckResponse.named("database")
                .status(reachable && schema.current() && securityCurrent)
                .withData("reachable", reachable)
                .withData("circuit", circuitClosed ? "closed" : "open")
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
