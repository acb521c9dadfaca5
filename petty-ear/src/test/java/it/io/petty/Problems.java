package it.io.petty;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every error answer must be: its status and an RFC 9457 problem document, with no stack trace. */
public final class Problems {

    private Problems() {
    }

    /**
     * @param type the problem type's slug ({@code invalid-fields} for https://petty.io/problems/invalid-fields), or
     *             {@code about:blank} for an error the runtime raised
     */
    public static JsonObject assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow()
                .split(";")[0]);
        assertFalse(response.body().contains("Exception"), "no stack trace or exception name: " + response.body());
        JsonObject problem = PettyHttp.json(response);
        assertEquals(type.equals("about:blank") ? type : "https://petty.io/problems/" + type,
                problem.getString("type"), response.body());
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertTrue(problem.containsKey("instance"));
        assertEquals(response.headers().firstValue("X-Request-ID").orElseThrow(), problem.getString("request_id"));
        return problem;
    }
}
