package io.petty.domain.identity;

import io.petty.domain.abuse.LoginAttempts;
import io.petty.domain.abuse.LoginThrottle;
import io.petty.domain.abuse.RateBuckets;
import io.petty.domain.abuse.RateLimiter;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.crypto.MasterKeySource;
import io.petty.domain.secrets.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds the container-free security services from configuration, once per server. In the domain jar, not
 * the WAR: beans in the EAR's lib/ cannot see the WAR's. Singletons rather than
 * application-scoped: they are final classes without the no-argument constructor a CDI proxy needs.
 */
@ApplicationScoped
public class SecurityResources {

    private static final Metadata KEY_AGE = Metadata.builder().withName("petty.signing.key.age")
            .withDescription("Seconds since the token signing key this server signs with was activated")
            .withUnit(MetricUnits.SECONDS).build();

    private static final Logger LOG = Logger.getLogger(SecurityResources.class.getName());

    /** The endpoint classes with a token-bucket limit each (defaults in microprofile-config.properties). */
    public static final List<String> RATE_LIMITED_CLASSES =
            List.of("ingest", "timeline", "feedback", "analysis", "account", "refresh", "api");
    /** Enough for every collar of a large fleet; past it, spent leases are forgotten. */
    private static final int MAX_RATE_LIMIT_LEASES = 200_000;

    @Produces
    @Singleton
    MasterKey masterKey(@ConfigProperty(name = "petty.master-key-file") Optional<String> keyFile,
                        @ConfigProperty(name = "petty.master-key") Optional<String> key,
                        @ConfigProperty(name = "petty.data-dir") String dataDir,
                        @ConfigProperty(name = "petty.profile") String profile) {
        return new MasterKeySource(keyFile.map(Path::of), key, Path.of(dataDir), "production".equals(profile)).load();
    }

    /**
     * Loads the master key while the application starts, so that a production server without one fails to
     * start instead of failing its first request.
     */
    void loadMasterKeyAtStart(@Observes Startup event, MasterKey masterKey) {
        LOG.fine(() -> "master key loaded: " + masterKey);
    }

    @Produces
    @Singleton
    SecretStore secretStore(DataSource dataSource, MasterKey masterKey, Clock clock) {
        return new SecretStore(dataSource, masterKey, clock);
    }

    @Produces
    @Singleton
    DeviceCookies deviceCookies(SecretStore secrets) {
        return new DeviceCookies(secrets);
    }

    @Produces
    @Singleton
    PiiProtector piiProtector(SecretStore secrets) {
        return new PiiProtector(secrets);
    }

    /**
     * The key ring, and its active key's age as a gauge (Prometheus: {@code petty_signing_key_age_seconds}; NaN until
     * the ring is read): keys are rotated on a schedule, and a key older than it is one that was not.
     */
    @Produces
    @Singleton
    SigningKeyRing signingKeyRing(DataSource dataSource, MasterKey masterKey, Clock clock, MetricRegistry registry) {
        SigningKeyRing ring = new SigningKeyRing(dataSource, masterKey, clock);
        registry.gauge(KEY_AGE, ring, keys -> keys.activeSince()
                .map(since -> (double) Duration.between(since, clock.instant()).toSeconds()).orElse(Double.NaN));
        return ring;
    }

    @Produces
    @Singleton
    TokenSettings tokenSettings(@ConfigProperty(name = "petty.jwt.issuer") String issuer,
                                @ConfigProperty(name = "petty.jwt.audience") String audience,
                                @ConfigProperty(name = "petty.jwt.access-lifetime") Duration accessLifetime,
                                @ConfigProperty(name = "petty.jwt.refresh-lifetime") Duration refreshLifetime,
                                @ConfigProperty(name = "petty.jwt.device-lifetime") Duration deviceLifetime,
                                @ConfigProperty(name = "petty.jwt.clock-skew-seconds") long clockSkewSeconds) {
        return new TokenSettings(issuer, audience, accessLifetime, refreshLifetime, deviceLifetime,
                Duration.ofSeconds(clockSkewSeconds));
    }

    @Produces
    @Singleton
    TokenService tokenService(SigningKeyRing keys, TokenStore store, TokenSettings settings, Clock clock) {
        return new TokenService(keys, store, settings, clock);
    }

    @Produces
    @Singleton
    RevocationList revocationList(TokenSettings settings, Clock clock) {
        return new RevocationList(clock, settings.revocationHorizon());
    }

    @Produces
    @Singleton
    AuditLog auditLog(DataSource dataSource, Clock clock, SecretStore secrets) {
        return new AuditLog(dataSource, clock, secrets);
    }

    @Produces
    @Singleton
    LoginThrottle loginThrottle(Clock clock, LoginAttempts attempts,
                                @ConfigProperty(name = "petty.login.address-failures") int addressFailures) {
        return new LoginThrottle(clock, addressFailures, attempts);
    }

    /** One limit per endpoint class, {@code petty.rate-limit.<class>.burst} and {@code .per-second}. */
    @Produces
    @Singleton
    RateLimiter rateLimiter(Config config, RateBuckets buckets, Clock clock) {
        Map<String, RateLimiter.Limit> limits = new HashMap<>();
        for (String endpointClass : RATE_LIMITED_CLASSES) {
            String prefix = "petty.rate-limit." + endpointClass;
            limits.put(endpointClass, new RateLimiter.Limit(config.getValue(prefix + ".burst", Double.class),
                    config.getValue(prefix + ".per-second", Double.class)));
        }
        return new RateLimiter(limits, buckets, clock, MAX_RATE_LIMIT_LEASES);
    }
}
