package it.io.petty;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The published contract, held to what the server does: every response the integration tests receive through the
 * shared clients ({@link PettyHttp}, {@link EventStream}) is checked against the OpenAPI document the server itself
 * serves at {@code /openapi}, fetched once per test JVM. A response to an operation the document has must carry a
 * status it declares for that operation, a declared content type, a body matching its schema (no undeclared fields)
 * and its declared headers, else the test fails naming the operation, the status and the validator's report.
 * Requests are not checked: many tests send hostile ones on purpose. Responses to paths or methods the document does
 * not have (Liberty's own endpoints and error pages, the fuzz test's random paths) are counted, not checked; the
 * tally is printed when the test JVM's tests end ({@link ContractTally}).
 */
public final class Contract {

    /** Keys the validator reports when the document has no operation for the request's path and method. */
    private static final Set<String> NOT_IN_THE_DOCUMENT = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    private static volatile OpenApiInteractionValidator validator;
    private static final LongAdder CHECKED = new LongAdder();
    private static final LongAdder UNCHECKED = new LongAdder();
    /** A sample of the method and path of responses not checked (the fuzz test's paths are endless). */
    private static final Set<String> UNCHECKED_SAMPLE = new ConcurrentSkipListSet<>();
    private static final LongAdder NANOS = new LongAdder();

    private Contract() {
    }

    /** Checks a response whose whole body was read; returns it. */
    public static HttpResponse<String> check(HttpResponse<String> response) {
        check(response.request(), response.statusCode(), response.headers(), response.body());
        return response;
    }

    /**
     * Checks a response's status, headers and body; with a null body (an event stream, which never ends), its status
     * and content type only.
     */
    public static void check(HttpRequest request, int status, HttpHeaders headers, String body) {
        long start = System.nanoTime();
        try {
            Request.Method method;
            try {
                method = Request.Method.valueOf(request.method());
            } catch (IllegalArgumentException notAnOpenApiMethod) {
                uncheck(request);
                return;
            }
            SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
            headers.map().forEach(response::withHeader);
            if (body != null && !body.isEmpty()) {
                response.withBody(body);
            }
            ValidationReport report = validator().validateResponse(request.uri().getRawPath(), method,
                    response.build());
            if (report.getMessages().stream().anyMatch(message -> NOT_IN_THE_DOCUMENT.contains(message.getKey()))) {
                uncheck(request);
                return;
            }
            String operation = report.getMessages().stream().flatMap(message -> message.getContext().stream())
                    .flatMap(context -> context.getApiOperation().stream()).findFirst().map(Contract::describe)
                    .orElseGet(() -> request.method() + " " + request.uri().getRawPath());
            List<ValidationReport.Message> errors = report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .filter(message -> body != null || !message.getKey().equals("validation.response.body.missing"))
                    .toList();
            if (!errors.isEmpty()) {
                throw new AssertionError(operation + " answered " + status + ", which the OpenAPI document at /openapi "
                        + "does not allow:\n"
                        + errors.stream().map(Contract::describe).collect(Collectors.joining("\n"))
                        + "\nbody: " + (body == null ? "(an event stream, not read)" : abbreviated(body)));
            }
            CHECKED.increment();
        } finally {
            NANOS.add(System.nanoTime() - start);
        }
    }

    /** What the checks came to in this test JVM, for {@link ContractTally}. */
    static String tally() {
        return String.format("OpenAPI contract: %d responses checked against /openapi in %d ms; %d not checked "
                        + "(path or method not in the document)%s", CHECKED.sum(), NANOS.sum() / 1_000_000,
                UNCHECKED.sum(), UNCHECKED_SAMPLE.isEmpty() ? "" : ", e.g. " + String.join(", ", UNCHECKED_SAMPLE));
    }

    private static void uncheck(HttpRequest request) {
        UNCHECKED.increment();
        if (UNCHECKED_SAMPLE.size() < 12) {
            String path = request.uri().getRawPath();
            UNCHECKED_SAMPLE.add(request.method() + " " + (path.length() <= 60 ? path : path.substring(0, 60) + "…"));
        }
    }

    private static String describe(ApiOperation operation) {
        return operation.getMethod() + " " + operation.getApiPath().original() + " ("
                + operation.getOperation().getOperationId() + ")";
    }

    private static String describe(ValidationReport.Message message) {
        return "- " + message.getKey() + ": " + message.getMessage()
                + message.getAdditionalInfo().stream().map(info -> "\n    " + info).collect(Collectors.joining());
    }

    private static String abbreviated(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }

    /**
     * The validator for the document the tests' server serves: a second server (TwoServersIT's) runs production's
     * configuration, which serves none, and answers by the same document.
     */
    private static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            synchronized (Contract.class) {
                current = validator;
                if (current == null) {
                    current = OpenApiInteractionValidator.createForInlineApiSpecification(document(PettyHttp.BASE))
                            .build();
                    validator = current;
                }
            }
        }
        return current;
    }

    private static String document(URI server) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/openapi")).timeout(Duration.ofSeconds(30)).GET()
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + request.uri() + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
