package io.petty.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One {@code petty} command line run in-process exactly as a user runs it, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun petty(String... args) {
        return typing(null, args);
    }

    /** @param stdin what the user types, or {@code null} for nothing */
    static CommandRun typing(String stdin, String... args) {
        InputStream originalIn = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int exitCode = Petty.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
            return new CommandRun(exitCode, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }
}
