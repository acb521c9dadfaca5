package io.petty.cli.server;

import picocli.CommandLine.Option;

import java.net.URI;

/** Where the server is and who is asking: mixed into every command that works through the REST API. */
public class ServerOptions {

    @Option(names = "--url", defaultValue = "${env:PETTY_URL:-http://localhost:9080}",
            description = "The server (default PETTY_URL, else ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--email", defaultValue = "${env:PETTY_EMAIL}",
            description = "Sign in as this account (default PETTY_EMAIL); the password is asked for. Not needed with"
                    + " PETTY_TOKEN.")
    String email;

    /** From the environment only: an option's value is visible to every user of the machine in its process list. */
    String token() {
        String token = System.getenv("PETTY_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }
}
