package io.petty.cli;

import io.petty.domain.telemetry.DeadLetter;
import io.petty.domain.telemetry.DeadLetterRepository;
import io.petty.domain.telemetry.RejectedReading;
import io.petty.domain.validation.FieldViolation;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.stream.Collectors;

/** {@code petty dead-letters}: the readings the server refused (kept 14 days), newest first. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List the readings the server refused in the last 14 days, newest first, and why.")
public class DeadLettersCommand extends DatabaseCommand {

    /** A payload is shown whole with --output json; in the table its start is enough to recognise it. */
    private static final int PAYLOAD_COLUMN = 60;

    @Option(names = "--collar", description = "Only this collar's (e.g. SN-12345).")
    String collarId;
    @Option(names = "--before", description = "Only those older than this id (the last id of the previous page).")
    Long before;
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;
    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        if (limit < 1) {
            err().println("petty: --limit must be at least 1");
            return ExitCode.USAGE;
        }
        List<DeadLetter> letters = DeadLetterRepository.using(database.dataSource()).list(collarId, before, limit);
        if (output.json()) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            letters.forEach(letter -> array.add(json(letter)));
            out().println(Json.createObjectBuilder().add("dead_letters", array).build());
            return ExitCode.OK;
        }
        if (letters.isEmpty()) {
            out().println("No dead letters.");
            return ExitCode.OK;
        }
        out().printf("%-10s %-27s %-10s %-5s %-40s %s%n", "ID", "RECEIVED", "COLLAR", "INDEX", "ERRORS", "PAYLOAD");
        for (DeadLetter letter : letters) {
            RejectedReading reading = letter.reading();
            out().printf("%-10d %-27s %-10s %-5s %-40s %s%n", letter.id(), letter.receivedAt(), reading.collarId(),
                    reading.index() == null ? "-" : reading.index(), errors(reading.errors()),
                    shorten(reading.payload()));
        }
        return ExitCode.OK;
    }

    private static JsonObjectBuilder json(DeadLetter letter) {
        RejectedReading reading = letter.reading();
        JsonArrayBuilder errors = Json.createArrayBuilder();
        reading.errors().forEach(error -> errors.add(Json.createObjectBuilder()
                .add("field", error.field()).add("message", error.message())));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", letter.id())
                .add("received_at", letter.receivedAt().toString())
                .add("collar_id", reading.collarId())
                .add("request_id", reading.requestId())
                .add("errors", errors)
                .add("payload", reading.payload());
        if (reading.index() != null) {
            json.add("index", reading.index());
        }
        return json;
    }

    private static String errors(List<FieldViolation> errors) {
        return errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; "));
    }

    private static String shorten(String payload) {
        return payload.length() <= PAYLOAD_COLUMN ? payload : payload.substring(0, PAYLOAD_COLUMN - 1) + "…";
    }
}
