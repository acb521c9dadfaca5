package io.petty.cli;

import io.petty.domain.crypto.MasterKey;
import io.petty.domain.crypto.MasterKeySource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    MasterKey masterKey() {
        Optional<Path> file = Optional.ofNullable(System.getenv("PETTY_MASTER_KEY_FILE")).map(Path::of);
        Optional<String> key = Optional.ofNullable(System.getenv("PETTY_MASTER_KEY"));
        return new MasterKeySource(file, key, dataDir, !"development".equals(profile)).load();
    }
}
