package io.petty.cli;

import io.petty.domain.audit.AuditLog;
import io.petty.domain.crypto.MasterKey;
import io.petty.domain.crypto.MasterKeySource;
import io.petty.domain.secrets.SecretStore;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The master key, found as the server finds it: PETTY_MASTER_KEY_FILE, PETTY_MASTER_KEY, or the development
 * key in the data directory. Never taken from an argument.
 */
public class SecurityOptions {

    @Option(names = "--data-dir", defaultValue = "${env:PETTY_DATA_DIR:-${sys:user.home}/.petty}",
            description = "Data directory holding a development master key (env PETTY_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--profile", defaultValue = "${env:PETTY_PROFILE:-production}",
            description = "production (default; needs PETTY_MASTER_KEY_FILE or PETTY_MASTER_KEY) or development "
                    + "(uses or generates master.key in the data directory). Env PETTY_PROFILE.")
    String profile;

    /** The audit log, keyed as the server keys it: needs the master key. */
    public AuditLog auditLog(DataSource dataSource) {
        return new AuditLog(dataSource, Clock.systemUTC(), new SecretStore(dataSource, masterKey(), Clock.systemUTC()));
    }

    /** Who runs the command, as the audit log names an operator at the command line. */
    public static String operator() {
        return "cli:" + System.getProperty("user.name");
    }

    MasterKey masterKey() {
        Optional<Path> file = Optional.ofNullable(System.getenv("PETTY_MASTER_KEY_FILE")).map(Path::of);
        Optional<String> key = Optional.ofNullable(System.getenv("PETTY_MASTER_KEY"));
        return new MasterKeySource(file, key, dataDir, !"development".equals(profile)).load();
    }
}
