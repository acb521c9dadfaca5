package io.petty.domain.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the master key comes from, in order: {@code PETTY_MASTER_KEY_FILE} (a file holding the key in
 * base64), {@code PETTY_MASTER_KEY} (base64). Without either, a development server generates one in its
 * data directory and says so loudly; with {@code PETTY_PROFILE=production} it refuses to start instead.
 */
public final class MasterKeySource {

    private static final Logger LOG = Logger.getLogger(MasterKeySource.class.getName());
    static final String GENERATED_FILE = "master.key";

    private final Optional<Path> keyFile;
    private final Optional<String> keyBase64;
    private final Path dataDir;
    private final boolean production;

    public MasterKeySource(Optional<Path> keyFile, Optional<String> keyBase64, Path dataDir, boolean production) {
        this.keyFile = keyFile;
        this.keyBase64 = keyBase64.filter(value -> !value.isBlank());
        this.dataDir = dataDir;
        this.production = production;
    }

    /** @throws IllegalStateException when no key is configured in production, or the key is malformed */
    public MasterKey load() {
        if (keyFile.isPresent()) {
            return decode(read(keyFile.get()), "PETTY_MASTER_KEY_FILE");
        }
        if (keyBase64.isPresent()) {
            return decode(keyBase64.get(), "PETTY_MASTER_KEY");
        }
        if (production) {
            throw new IllegalStateException("PETTY_PROFILE=production and no master key: set PETTY_MASTER_KEY_FILE "
                    + "or PETTY_MASTER_KEY (32 random bytes, base64)");
        }
        Path generated = dataDir.resolve(GENERATED_FILE);
        if (!Files.exists(generated)) {
            write(generated, Base64.getEncoder().encodeToString(Aead.newKey()));
            LOG.warning(() -> "*** DEVELOPMENT MASTER KEY generated at " + generated + ". Everything encrypted by "
                    + "this server depends on it. Never use a generated key in production: set "
                    + "PETTY_MASTER_KEY_FILE and PETTY_PROFILE=production. ***");
        } else {
            LOG.warning(() -> "*** Using the DEVELOPMENT MASTER KEY at " + generated + "; not for production. ***");
        }
        return decode(read(generated), generated.toString());
    }

    private static MasterKey decode(String base64, String origin) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key from " + origin + " is not 32 bytes of base64");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                // A hard link is created only if the name is free, atomically: two servers starting together on
                // one data directory end up with the same key.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException someoneElseWroteIt) {
                // theirs is as good as ours
            } finally {
                Files.delete(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development master key " + file, e);
        }
    }
}
