package io.petty.cli.server;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Follows a job's {@code Location} (a job run, an export, an erasure) until the job ends. On a terminal it redraws one
 * progress line (a bar, the status, the time so far, the steps done of all when the job says, the items it counted);
 * elsewhere it prints a line each time the status changes, which is what a log wants.
 */
final class JobWatch {

    static final Duration EVERY = Duration.ofMillis(500);
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final int BAR = 20;

    private final ServerApi api;
    private final PrintWriter err;
    private final Duration every;
    private final boolean terminal = System.console() != null;

    JobWatch(ServerApi api, PrintWriter err, Duration every) {
        this.api = api;
        this.err = err;
        this.every = every;
    }

    /** @return the last view of the job, once ended */
    JsonObject until(String location, String what, Duration timeout) {
        Instant start = Instant.now();
        String shown = null;
        for (int tick = 0; ; tick++) {
            JsonObject job;
            try {
                job = api.get(location);
            } catch (IllegalStateException | UncheckedIOException e) {
                // The server restarting or overloaded: the job goes on; so does the watch, until the timeout.
                if (Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
                    throw e;
                }
                err.println((terminal ? "\n" : "") + what + ": " + e.getMessage() + "; trying again");
                pause();
                continue;
            }
            String status = job.getString("status");
            boolean ended = ENDED.contains(status);
            JsonObject progress = job.containsKey("progress") ? job.getJsonObject("progress") : null;
            String line = what + " " + status + " " + Duration.between(start, Instant.now()).toSeconds() + " s"
                    + (progress == null ? "" : ", " + progress.getInt("done") + " of " + progress.getInt("total"))
                    + counts(job);
            if (terminal) {
                err.print("\r" + (progress == null ? bar(tick, ended)
                        : bar(progress.getInt("done"), progress.getInt("total"))) + " " + line + "   ");
                if (ended) {
                    err.println();
                }
                err.flush();
            } else if (!status.equals(shown)) {
                err.println(line);
            }
            shown = status;
            if (ended) {
                return job;
            }
            if (Duration.between(start, Instant.now()).compareTo(timeout) > 0) {
                throw new IllegalStateException(what + " is still " + status + " after " + timeout
                        + "; it goes on: follow it with petty jobs list");
            }
            pause();
        }
    }

    /** A bar filled to {@code done} of {@code total}. */
    static String bar(int done, int total) {
        int filled = (int) ((long) BAR * done / total);
        return "[" + "=".repeat(filled) + " ".repeat(BAR - filled) + "]";
    }

    /** A bar that fills when the job ends; until then a block moving along it, the work's total being unknown. */
    static String bar(int tick, boolean ended) {
        StringBuilder bar = new StringBuilder(BAR + 2).append('[');
        int at = tick % (2 * BAR - 2);
        int position = at < BAR ? at : 2 * BAR - 2 - at;
        for (int i = 0; i < BAR; i++) {
            bar.append(ended ? '=' : i == position ? '#' : ' ');
        }
        return bar.append(']').toString();
    }

    /** The items a job run counts (units read and written by a re-analysis), when there are any. */
    private static String counts(JsonObject job) {
        if (!job.containsKey("counts")) {
            return "";
        }
        StringJoiner counts = new StringJoiner(", ", ", ", "");
        job.getJsonObject("counts").forEach((name, value) -> counts.add(name + " " + ((JsonNumber) value).longValue()));
        return job.getJsonObject("counts").isEmpty() ? "" : counts.toString();
    }

    private void pause() {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the job", e);
        }
    }
}
