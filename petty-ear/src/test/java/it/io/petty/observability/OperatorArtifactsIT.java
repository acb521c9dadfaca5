package it.io.petty.observability;

import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operators' artifacts in {@code ops/}: the Prometheus alert rules pass {@code promtool check rules} and their
 * unit tests, and the rules and the Grafana dashboard use only metric names the running server serves.
 */
class OperatorArtifactsIT {

    private static final Path PROMETHEUS = Path.of("..", "ops", "prometheus");
    private static final Path RULES = PROMETHEUS.resolve("petty-alerts.yml");
    private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "petty-dashboard.json");
    /** Names of Petty's metrics and of the Liberty ones the artifacts read. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:petty|http_server|connectionpool|memory|threadpool|cpu|gc|jvm|thread|classloader)_[A-Za-z0-9_]*");

    @Test
    void theAlertRulesPassPromtoolsCheckAndTheirUnitTests() throws IOException, InterruptedException {
        Optional<Path> promtool = promtool();
        assumeTrue(promtool.isPresent(), "promtool is not installed, so the alert rules were not checked: run .ci/run"
                + " as root, or install the Debian package prometheus, or set PETTY_PROMTOOL to a promtool executable");

        assertEquals("", run(promtool.get(), "check", "rules", RULES.getFileName().toString()));
        assertEquals("", run(promtool.get(), "test", "rules", "petty-alerts-test.yml"));
    }

    @Test
    void theRulesAndTheDashboardUseOnlyMetricsTheServerServes() throws IOException {
        // Some series are made by their first count (a rejected reading, a 429, a behavior detected), or by their
        // service's first use (timelines, feedback: a timeline shows the feedback given).
        Fleet.Collar collar = Fleet.newCollar();
        postJson("/v1/ingest", reading(collar.id(), Readings.recent()).replace("\"heart_rate\": 72",
                "\"heart_rate\": 400"), collar.deviceToken());
        assertEquals(1, ServedMetrics.untilRateLimited(collar));
        ServedMetrics.Walked walked = ServedMetrics.walked();
        Behavior.timeline(walked.collar(), walked.day().toString());
        Set<String> served = ServedMetrics.names(ServedMetrics.awaitSample(
                "petty_job_runs_total{job_name=\"retention\",outcome=\"completed\"}"));

        Set<String> unknown = new TreeSet<>();
        for (String expression : expressions()) {
            Matcher name = METRIC.matcher(expression);
            while (name.find()) {
                if (!served.contains(name.group())) {
                    unknown.add(name.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, "named by ops/ but not served");
    }

    @Test
    void theDashboardHasItsFourRows() throws IOException {
        List<String> rows = dashboard().getJsonArray("panels").stream().map(JsonValue::asJsonObject)
                .filter(panel -> panel.getString("type").equals("row")).map(panel -> panel.getString("title")).toList();
        assertEquals(List.of("Business", "Technical", "Security", "Infrastructure"), rows);
    }

    /** Every PromQL expression of the rules (their {@code expr}) and of the dashboard (targets and variables). */
    private static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        // The rules file writes each expression after "expr:", on its line or as an indented block below it.
        List<String> lines = Files.readAllLines(RULES, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("expr:")) {
                StringBuilder expression = new StringBuilder(line.substring("expr:".length()));
                int indent = lines.get(i).indexOf("expr:");
                while (i + 1 < lines.size() && lines.get(i + 1).indexOf(lines.get(i + 1).trim()) > indent) {
                    expression.append(' ').append(lines.get(++i).trim());
                }
                expressions.add(expression.toString());
            }
        }
        JsonObject dashboard = dashboard();
        dashboard.getJsonArray("panels").stream().map(JsonValue::asJsonObject)
                .flatMap(panel -> panel.containsKey("targets") ? panel.getJsonArray("targets").stream()
                        : Stream.empty())
                .forEach(target -> expressions.add(target.asJsonObject().getString("expr")));
        dashboard.getJsonObject("templating").getJsonArray("list").stream().map(JsonValue::asJsonObject)
                .filter(variable -> variable.getString("type").equals("query"))
                .forEach(variable -> expressions.add(variable.getString("query")));
        assertTrue(expressions.size() > 20, "expressions found: " + expressions);
        return expressions;
    }

    private static JsonObject dashboard() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DASHBOARD, StandardCharsets.UTF_8))) {
            return reader.readObject();
        }
    }

    /** Runs promtool in ops/prometheus; answers its output when it fails, else nothing. */
    private static String run(Path promtool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return process.exitValue() == 0 ? "" : String.join(" ", command) + ":\n" + output;
    }

    /** PETTY_PROMTOOL when set (it must then exist), else promtool on the PATH. */
    private static Optional<Path> promtool() {
        String named = System.getenv("PETTY_PROMTOOL");
        if (named != null && !named.isBlank()) {
            assertTrue(Files.isExecutable(Path.of(named)), "PETTY_PROMTOOL names no executable: " + named);
            return Optional.of(Path.of(named));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank()).map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable).findFirst();
    }
}
