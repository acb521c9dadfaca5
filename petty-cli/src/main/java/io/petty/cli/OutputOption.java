package io.petty.cli;

import picocli.CommandLine.Option;

/** {@code --output}: a table for people, or JSON for scripts. Mixed into every command that reports. */
public class OutputOption {

    enum Format { TEXT, JSON }

    @Option(names = "--output", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    public boolean json() {
        return format == Format.JSON;
    }
}
