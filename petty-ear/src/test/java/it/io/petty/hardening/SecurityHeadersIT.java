package it.io.petty.hardening;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OWASP's secure headers on every API answer, tokens never cached, and browsers let in only from the allow-list. */
class SecurityHeadersIT {

    private static final Map<String, String> EXPECTED = Map.of(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    @Test
    void everyAnswerCarriesThemSuccessesErrorsAndTokens() {
        Fleet.Owner owner = Fleet.newOwner();
        List<HttpResponse<String>> answers = List.of(
                PettyHttp.postJson("/v1/auth/token", "{\"email\":\"" + owner.email() + "\",\"password\":\""
                        + Fleet.PASSWORD + "\"}"),
                PettyHttp.get("/v1/pets", owner.accessToken()),
                PettyHttp.get("/v1/pets"),
                PettyHttp.postJson("/v1/pets", "{\"name\":", owner.accessToken()),
                PettyHttp.get("/v1/no-such-path"),
                PettyHttp.get("/.well-known/jwks.json"));
        for (HttpResponse<String> answer : answers) {
            EXPECTED.forEach((header, value) -> assertEquals(value, answer.headers().firstValue(header).orElse(null),
                    header + " on " + answer.request().uri() + " (" + answer.statusCode() + ")"));
        }
        assertEquals(200, answers.get(0).statusCode(), "a token response is not cached either");
    }

    @Test
    void anAllowedOriginMayCallFromABrowserAndAnyOtherMayNot() {
        HttpResponse<String> allowed = preflight("https://app.petty.io");
        assertEquals("https://app.petty.io", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                allowed.headers().map().toString());
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
                .contains("authorization"));

        HttpResponse<String> other = preflight("https://evil.example");
        assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent(), other.headers().toString());
        HttpResponse<String> simple = PettyHttp.send(PettyHttp.request("/v1/pets").header("Origin", "https://evil.example"));
        assertFalse(simple.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    private static HttpResponse<String> preflight(String origin) {
        return PettyHttp.send(PettyHttp.request("/v1/pets").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}
