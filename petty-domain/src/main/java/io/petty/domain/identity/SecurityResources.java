package io.petty.domain.identity;

import io.petty.domain.crypto.MasterKey;
import io.petty.domain.crypto.MasterKeySource;
import io.petty.domain.secrets.SecretStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the container-free security services from configuration, once per server. In the domain jar, not
 * the WAR: beans in the EAR's lib/ cannot see the WAR's. Singletons rather than
 * application-scoped: they are final classes without the no-argument constructor a CDI proxy needs.
 */
@ApplicationScoped
public class SecurityResources {

    @Produces
    @Singleton
    MasterKey masterKey(@ConfigProperty(name = "petty.master-key-file") Optional<String> keyFile,
                        @ConfigProperty(name = "petty.master-key") Optional<String> key,
                        @ConfigProperty(name = "petty.data-dir") String dataDir,
                        @ConfigProperty(name = "petty.profile") String profile) {
        return new MasterKeySource(keyFile.map(Path::of), key, Path.of(dataDir), "production".equals(profile)).load();
    }

    @Produces
    @Singleton
    SecretStore secretStore(DataSource dataSource, MasterKey masterKey, Clock clock) {
        return new SecretStore(dataSource, masterKey, clock);
    }

    @Produces
    @Singleton
    PiiProtector piiProtector(SecretStore secrets) {
        return new PiiProtector(secrets);
    }

    @Produces
    @Singleton
    SigningKeyRing signingKeyRing(DataSource dataSource, MasterKey masterKey, Clock clock) {
        return new SigningKeyRing(dataSource, masterKey, clock);
    }

    @Produces
    @Singleton
    TokenSettings tokenSettings(@ConfigProperty(name = "petty.jwt.issuer") String issuer,
                                @ConfigProperty(name = "petty.jwt.audience") String audience,
                                @ConfigProperty(name = "petty.jwt.access-lifetime") Duration accessLifetime,
                                @ConfigProperty(name = "petty.jwt.refresh-lifetime") Duration refreshLifetime,
                                @ConfigProperty(name = "petty.jwt.device-lifetime") Duration deviceLifetime) {
        return new TokenSettings(issuer, audience, accessLifetime, refreshLifetime, deviceLifetime);
    }

    @Produces
    @Singleton
    TokenService tokenService(SigningKeyRing keys, TokenStore store, TokenSettings settings, Clock clock) {
        return new TokenService(keys, store, settings, clock);
    }

    @Produces
    @Singleton
    RevocationList revocationList(TokenSettings settings, Clock clock) {
        return new RevocationList(clock, settings.longestAccessLifetime());
    }
}
