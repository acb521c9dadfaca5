package io.petty.cli.server;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait}: follow a started job to its end, showing its progress, rather than return at once. */
public class WaitOptions {

    @Option(names = "--wait", description = "Follow the job until it ends, with its progress on standard error.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT30M",
            description = "With --wait, give up following after this long (ISO-8601, default ${DEFAULT-VALUE}); the"
                    + " job goes on.")
    Duration timeout;
}
