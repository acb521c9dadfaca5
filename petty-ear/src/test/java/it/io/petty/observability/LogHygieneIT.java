package it.io.petty.observability;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.ServerLog;
import it.io.petty.TokenForge;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the server writes to its log while serving: no personal data, whatever part of a request carries it, and no
 * error for what is no error (a request without a token to an endpoint that needs none).
 */
class LogHygieneIT {


    @Test
    void personalDataInBodiesQueriesAndHeadersNeverReachesTheLog() throws Exception {
        long from = ServerLog.size();
        String email = "hygiene-" + UUID.randomUUID() + "@example.org";
        String password = "Hygiene-" + UUID.randomUUID();
        String phone = "+358 40 765 4321";
        String card = "4111 1111 1111 1111";
        Fleet.require(postJson("/v1/accounts", """
                {"email": "%s", "password": "%s", "display_name": "Ann Hygiene"}""".formatted(email, password)), 201);
        String access = Fleet.login(email, password).getString("access_token");
        String refresh = Fleet.login(email, password).getString("refresh_token");
        postJson("/v1/auth/token", "{\"email\": \"" + email + "\", \"password\": \"not " + password + "\"}");
        postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + refresh + "x\"}");
        // Malformed documents that carry the data, so that the parser's complaint could quote it.
        postJson("/v1/accounts", "{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"phone\": \""
                + phone + "\", \"card\": \"" + card + "\"");
        postJson("/v1/pets", "{\"name\": \"" + phone + "\", \"species\": \"" + card + "\", \"weight_kg\": \"" + email
                + "\"}", access);
        PettyHttp.get("/v1/pets?owner=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&card="
                + URLEncoder.encode(card, StandardCharsets.UTF_8) + "&access_token=" + access);
        // A token the server cannot parse: MicroProfile JWT quotes such a token in its error message.
        PettyHttp.get("/v1/pets", email);
        PettyHttp.send(PettyHttp.request("/v1/pets").header("Authorization", "Bearer " + access + "." + phone)
                .header("X-Contact", email + " " + phone).header("X-Card", card).GET());
        PettyHttp.send(PettyHttp.request("/v1/auth/token").header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));

        String written = logSince(from);
        for (String secret : List.of(email, password, phone, phone.replace(" ", ""), card, card.replace(" ", ""),
                access, refresh)) {
            assertFalse(written.contains(secret), "the log holds " + secret + ":\n" + written);
        }
    }

    @Test
    void requestsThatNeedNoTokenLeaveNoErrorInTheLog() throws Exception {
        long from = ServerLog.size();
        String email = "anonymous-" + UUID.randomUUID() + "@example.org";
        Fleet.require(postJson("/v1/accounts", """
                {"email": "%s", "password": "%s", "display_name": "Anon"}""".formatted(email, Fleet.PASSWORD)), 201);
        Fleet.login(email, Fleet.PASSWORD);
        postJson("/v1/auth/token", "{\"email\": \"" + email + "\", \"password\": \"wrong password here\"}");
        PettyHttp.get("/.well-known/jwks.json");
        PettyHttp.get("/health/ready");
        assertEquals(401, PettyHttp.get("/v1/pets").statusCode(), "a protected endpoint still asks for a token");
        // Refused tokens are the client's fault too: a malformed one, and an expired one.
        assertEquals(401, PettyHttp.get("/v1/pets", "not.a.token").statusCode());
        assertEquals(401, PettyHttp.get("/v1/pets", TokenForge.signedByServer(TokenForge.ownerClaims(UUID.randomUUID())
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build())).statusCode());

        List<String> errors = ServerLog.entries(logSince(from)).stream()
                .filter(entry -> ServerLog.ERROR_LEVELS.contains(entry.getString("loglevel", ""))).map(Object::toString)
                .toList();
        assertEquals(List.of(), errors, "error lines for requests that were not errors");
    }

    /**
     * What the server wrote to the log from {@code from} on. Lines logged on the request's thread are written before
     * its answer; the pause is for lines logged after it (a filter's afterwards), for which no condition can be
     * awaited: the test looks for their absence.
     */
    private static String logSince(long from) throws IOException, InterruptedException {
        Thread.sleep(1_000);
        return ServerLog.since(from);
    }
}
