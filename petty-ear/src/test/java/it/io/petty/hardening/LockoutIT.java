package it.io.petty.hardening;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Knowing someone's e-mail does not let an attacker keep them out (issue #11): failing at their account holds up
 * the attacker and any client the account has not seen, never the owner's own client, which presents the device
 * cookie its last login gave it; and the attacker guesses no faster than before.
 */
class LockoutIT {

    @Test
    void theVictimStillLogsInWhileSomeoneKeepsFailingAtTheirAccount() {
        Fleet.Owner victim = Fleet.newOwner();
        String cookie = login(victim.email(), Fleet.PASSWORD, null).getString("device_cookie");
        assertNotNull(cookie);

        for (int i = 0; i < 8; i++) {
            send(victim.email(), "a wrong guess " + i, null);
        }
        HttpResponse<String> attacker = send(victim.email(), "another wrong guess", null);
        assertEquals(429, attacker.statusCode(), "the guesser is made to wait: " + attacker.body());
        assertTrue(attacker.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, send(victim.email(), Fleet.PASSWORD, null).statusCode(),
                "an unseen client waits too, even with the right password");

        JsonObject again = login(victim.email(), Fleet.PASSWORD, cookie);
        assertEquals(200, PettyHttp.get("/v1/pets", again.getString("access_token")).statusCode());
        assertEquals(cookie, again.getString("device_cookie"), "the device keeps its cookie");
    }

    @Test
    void aCookieOfAnotherAccountIsNoPassAndAKnownDeviceIsThrottledOnItsOwn() {
        Fleet.Owner victim = Fleet.newOwner();
        Fleet.Owner attacker = Fleet.newOwner();
        String attackersCookie = login(attacker.email(), Fleet.PASSWORD, null).getString("device_cookie");
        for (int i = 0; i < 8; i++) {
            send(victim.email(), "a wrong guess " + i, null);
        }
        assertEquals(429, send(victim.email(), "guess", attackersCookie).statusCode(),
                "the attacker's own account's cookie counts as no cookie");

        String phone = login(attacker.email(), Fleet.PASSWORD, attackersCookie).getString("device_cookie");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send(attacker.email(), "wrong " + i, phone).statusCode());
        }
        assertEquals(429, send(attacker.email(), "wrong again", phone).statusCode(),
                "a known device gets as many free guesses as anyone, then waits");
    }

    private static JsonObject login(String email, String password, String cookie) {
        return PettyHttp.json(Fleet.require(send(email, password, cookie), 200));
    }

    private static HttpResponse<String> send(String email, String password, String cookie) {
        return postJson("/v1/auth/token", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\""
                + (cookie == null ? "" : ",\"device_cookie\":\"" + cookie + "\"") + "}");
    }
}
