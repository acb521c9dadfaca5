package it.io.petty.resilience;

import com.nimbusds.jwt.SignedJWT;
import io.petty.domain.identity.SigningKeyRing;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import it.io.petty.TokenForge;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.text.ParseException;
import java.time.Duration;

import static it.io.petty.PettyHttp.assertWithin;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A key rotated from outside the server (as {@code petty rotate-keys} does, from another process) reaches the
 * running server within a second: new tokens are signed with the new key and accepted, tokens of the retiring
 * key still work, and once that key retires its tokens are refused. Runs with the disruptive tests: it retires
 * the key every other test's tokens were signed with.
 */
class KeyRotationIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    @Test
    void rotationAndRetirementReachTheServerWithinOneSecond() throws Exception {
        Fleet.Owner owner = Fleet.newOwner();
        String oldKid = kid(owner.accessToken());
        SigningKeyRing keys = TokenForge.serverKeys();

        String newKid = keys.rotate(Duration.ofMinutes(15));
        // Refreshing is cheap (no password hash), so polling with it measures propagation, not PBKDF2.
        String[] refresh = {owner.refreshToken()};
        String[] fresh = {null};
        assertWithin(PROPAGATION, () -> {
            JsonObject pair = json(postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + refresh[0] + "\"}"));
            refresh[0] = pair.getString("refresh_token");
            fresh[0] = pair.getString("access_token");
            return kid(fresh[0]).equals(newKid);
        }, "new tokens are signed with the new key");
        assertEquals(200, get("/v1/pets", fresh[0]).statusCode(), "a token of the new key is accepted");
        assertEquals(200, get("/v1/pets", owner.accessToken()).statusCode(), "the retiring key still verifies");

        try (Connection connection = TestDatabase.connect();
             PreparedStatement due = connection.prepareStatement(
                     "UPDATE signing_key SET retire_after = now() WHERE kid = ?")) {
            due.setString(1, oldKid);
            due.executeUpdate();
        }
        assertEquals(1, keys.retireDue());
        assertWithin(PROPAGATION, () -> get("/v1/pets", owner.accessToken()).statusCode() == 401,
                "a token of the retired key is refused");
        assertEquals(200, get("/v1/pets", fresh[0]).statusCode());
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
