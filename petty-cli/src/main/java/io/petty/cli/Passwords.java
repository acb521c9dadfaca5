package io.petty.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A password typed by the user: unechoed on a terminal, else the first line of standard input (for scripts). */
public final class Passwords {

    private Passwords() {
    }

    public static String read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("Password: ");
            return password == null ? "" : new String(password);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
