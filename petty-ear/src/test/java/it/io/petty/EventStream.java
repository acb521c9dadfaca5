package it.io.petty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of a Server-Sent Events stream, as the app is: it reads the stream on a thread of its own and hands
 * each event (and heartbeat comment) over as it comes.
 */
public final class EventStream implements AutoCloseable {

    /** An event as it came: its id, name and data, or a comment (name {@code ":"}). */
    public record Event(String id, String name, String data) {

        public boolean comment() {
            return ":".equals(name);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private String body;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            // A stream never ends: its status and content type are what the contract can check.
            Contract.check(response.request(), response.statusCode(), response.headers(), null);
            reader.start();
        } else {
            Contract.check(response.request(), response.statusCode(), response.headers(), body());
        }
    }

    /** Opens the pet's stream on a server; {@code lastEventId} may be null. */
    public static EventStream open(URI server, String petId, String bearer, String lastEventId) {
        // Until the response's head: a server that never answers fails the test instead of hanging the build.
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/v1/pets/" + petId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    /** The body of a stream refused with a problem document. */
    public synchronized String body() {
        if (body == null) {
            body = String.join("\n", response.body().toList());
        }
        return body;
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event that is not a comment, within the time; null when none came. */
    public Event next(Duration within) throws InterruptedException {
        return next(within, event -> !event.comment());
    }

    /** The next event whose name starts so, within the time, skipping others; null when none came. */
    public Event next(String namePrefix, Duration within) throws InterruptedException {
        return next(within, event -> event.name().startsWith(namePrefix));
    }

    /** The next event the predicate wants, within the time, skipping others; null when none came. */
    public Event next(Duration within, Predicate<Event> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null || wanted.test(event)) {
                return event;
            }
        }
    }

    /** The next comment with this text, within the time, skipping everything else; null when none came. */
    public Event nextComment(String text, Duration within) throws InterruptedException {
        return next(within, event -> event.comment() && event.data().equals(text));
    }

    /** Whether the server ended the stream within the time. */
    public boolean ends(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        return !reader.isAlive();
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty() || id != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, ":", line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (UncheckedIOException | IllegalStateException closed) {
            // The stream ended: closed by this client (perhaps before this thread began) or by the server.
        }
    }

    /** Drops the connection, as an app sent to the background does. */
    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
