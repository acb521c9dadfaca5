package it.io.petty;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static it.io.petty.PettyHttp.assertWithin;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A {@code 202}'s {@code Location} followed until the job it started ends: a job run, an export, an erasure. */
public final class Accepted {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private Accepted() {
    }

    /** @return what the Location shows once its {@code status} is an end (the caller asserts which) */
    public static JsonObject untilEnded(HttpResponse<String> started, String bearer) {
        assertEquals(202, started.statusCode(), started.body());
        String location = path(started.headers().firstValue("Location").orElseThrow());
        AtomicReference<JsonObject> last = new AtomicReference<>();
        assertWithin(Duration.ofSeconds(60), () -> {
            last.set(json(get(location, bearer)));
            return ENDED.contains(last.get().getString("status"));
        }, location + " to end");
        return last.get();
    }

    /** The path of an absolute URL the server gave (a Location, a download link). */
    public static String path(String url) {
        return url.substring(url.indexOf("/v1/"));
    }
}
