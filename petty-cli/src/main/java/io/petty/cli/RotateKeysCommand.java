package io.petty.cli;

import io.petty.domain.audit.AuditEvent;
import io.petty.domain.audit.AuditLog;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.identity.SigningKeyRing;
import io.petty.domain.secrets.SecretStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code petty rotate-keys}: adds a signing key and activates it. The previous key keeps verifying until the
 * longest token it may have signed has expired, then retires. Every running server learns of it at once.
 */
@Command(name = "rotate-keys", mixinStandardHelpOptions = true,
        description = "Add and activate a new token-signing key; the old one retires when its tokens have expired.")
public class RotateKeysCommand extends DatabaseCommand {

    @Mixin
    SecurityOptions security;

    @Option(names = "--longest-token-lifetime", defaultValue = "PT15M30S",
            description = "How long the retiring key keeps verifying: the longest access or device token lifetime "
                    + "plus clock skew (ISO-8601; default ${DEFAULT-VALUE}).")
    Duration longestTokenLifetime;

    @Override
    public Integer call() {
        DataSource dataSource = database.dataSource();
        MasterKey masterKey = security.masterKey();
        SigningKeyRing keys = new SigningKeyRing(dataSource, masterKey, Clock.systemUTC());
        String kid = keys.rotate(longestTokenLifetime);
        new AuditLog(dataSource, Clock.systemUTC(), new SecretStore(dataSource, masterKey, Clock.systemUTC())).record(AuditEvent.KEY_ROTATED, "cli:" + System.getProperty("user.name"),
                kid, "previous key retires after " + longestTokenLifetime);
        out().printf("Activated signing key %s; the previous key verifies for %s more.%n",
                kid, longestTokenLifetime);
        return ExitCode.OK;
    }
}
