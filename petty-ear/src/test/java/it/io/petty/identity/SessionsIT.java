package it.io.petty.identity;

import com.nimbusds.jwt.SignedJWT;
import io.petty.domain.crypto.PasswordHasher;
import it.io.petty.Fleet;
import it.io.petty.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounts, logins, refresh rotation with reuse detection, logout. */
class SessionsIT {

    @Test
    void anAccessTokenCarriesEveryClaimTheApiPromises() throws ParseException {
        Fleet.Owner owner = Fleet.newOwner();
        SignedJWT token = SignedJWT.parse(owner.accessToken());

        assertEquals("RS256", token.getHeader().getAlgorithm().getName());
        assertNotNull(token.getHeader().getKeyID());
        var claims = token.getJWTClaimsSet();
        assertEquals("https://petty.local", claims.getIssuer());
        assertEquals(List.of("petty-api"), claims.getAudience());
        assertEquals(owner.id().toString(), claims.getSubject());
        assertEquals(owner.id().toString(), claims.getStringClaim("upn"));
        assertEquals(List.of("owner"), claims.getStringListClaim("groups"));
        assertTrue(claims.getStringClaim("scope").contains("pets:read"));
        assertNotNull(claims.getJWTID());
        assertEquals(900, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(claims.getIssueTime(), claims.getNotBeforeTime());
    }

    @Test
    void weakCommonAndDuplicatePasswordsAndEmailsAreRefused() {
        assertEquals(422, register("short-" + System.nanoTime() + "@example.com", "too short").statusCode());
        assertEquals(422, register("common-" + System.nanoTime() + "@example.com", "Password1234").statusCode());
        Fleet.Owner owner = Fleet.newOwner();
        HttpResponse<String> duplicate = register(owner.email().toUpperCase(), Fleet.PASSWORD);
        assertEquals(409, duplicate.statusCode(), duplicate.body());
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Fleet.Owner owner = Fleet.newOwner();
        HttpResponse<String> wrongPassword = login(owner.email(), "not the right passphrase");
        HttpResponse<String> unknownEmail = login("nobody-" + System.nanoTime() + "@example.com", Fleet.PASSWORD);

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownEmail.statusCode());
        assertEquals(json(wrongPassword).getString("detail"), json(unknownEmail).getString("detail"));
        assertEquals(json(wrongPassword).getString("type"), json(unknownEmail).getString("type"));
    }

    @Test
    void refreshGivesANewPairWithTheSameGroupsAndSpendsTheOldToken() throws ParseException {
        Fleet.Owner owner = Fleet.newOwner();
        JsonObject renewed = json(refresh(owner.refreshToken()));

        assertNotEquals(owner.refreshToken(), renewed.getString("refresh_token"));
        assertEquals(List.of("owner"), SignedJWT.parse(renewed.getString("access_token")).getJWTClaimsSet()
                .getStringListClaim("groups"));
        assertEquals(200, get("/v1/pets", renewed.getString("access_token")).statusCode());
    }

    @Test
    void aSpentRefreshTokenPresentedAgainRevokesItsWholeFamily() {
        Fleet.Owner owner = Fleet.newOwner();
        JsonObject renewed = json(refresh(owner.refreshToken()));

        assertEquals(401, refresh(owner.refreshToken()).statusCode(), "reuse is refused");

        assertEquals(401, refresh(renewed.getString("refresh_token")).statusCode(), "the successor is revoked too");
        assertEquals(401, get("/v1/pets", renewed.getString("access_token")).statusCode());
        assertEquals(401, get("/v1/pets", owner.accessToken()).statusCode());
    }

    @Test
    void anAccessTokenIsNotARefreshToken() {
        assertEquals(401, refresh(Fleet.newOwner().accessToken()).statusCode());
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheLogin() {
        Fleet.Owner owner = Fleet.newOwner();
        assertEquals(204, postJson("/v1/auth/logout", "{}", owner.accessToken()).statusCode());

        assertEquals(401, get("/v1/pets", owner.accessToken()).statusCode());
        assertEquals(401, refresh(owner.refreshToken()).statusCode());
        JsonObject again = Fleet.login(owner.email(), Fleet.PASSWORD);
        assertEquals(200, get("/v1/pets", again.getString("access_token")).statusCode(), "a new login works");
        // An app that still sends the logged-out token with its next login is not locked out by it.
        assertEquals(200, postJson("/v1/auth/token", """
                {"email": "%s", "password": "%s"}""".formatted(owner.email(), Fleet.PASSWORD), owner.accessToken())
                .statusCode(), "where no token is needed, a revoked one is ignored");
    }

    @Test
    void changingThePasswordEndsEveryOtherLoginAndKeepsThisOne() {
        Fleet.Owner owner = Fleet.newOwner();
        JsonObject phone = Fleet.login(owner.email(), Fleet.PASSWORD);
        String newPassword = "another long passphrase";

        HttpResponse<String> changed = changePassword(owner.accessToken(), Fleet.PASSWORD, newPassword);

        assertEquals(204, changed.statusCode(), changed.body());
        assertEquals(200, get("/v1/pets", owner.accessToken()).statusCode(), "the login that changed it goes on");
        assertEquals(200, refresh(owner.refreshToken()).statusCode());
        assertEquals(401, get("/v1/pets", phone.getString("access_token")).statusCode(), "another login ends");
        assertEquals(401, refresh(phone.getString("refresh_token")).statusCode());
        assertEquals(401, login(owner.email(), Fleet.PASSWORD).statusCode(), "the old password is gone");
        assertEquals(200, login(owner.email(), newPassword).statusCode());
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'password.changed' "
                + "AND subject = '" + owner.id() + "'"));
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
        Fleet.Owner owner = Fleet.newOwner();
        HttpResponse<String> wrong = changePassword(owner.accessToken(), "not the password at all", "a new passphrase");
        assertEquals(422, wrong.statusCode(), wrong.body());
        assertEquals("current_password", json(wrong).getJsonArray("errors").getJsonObject(0).getString("field"));
        HttpResponse<String> weak = changePassword(owner.accessToken(), Fleet.PASSWORD, "password1234");
        assertEquals(422, weak.statusCode(), weak.body());
        assertEquals("new_password", json(weak).getJsonArray("errors").getJsonObject(0).getString("field"));

        assertEquals(200, login(owner.email(), Fleet.PASSWORD).statusCode());
        assertEquals(200, refresh(owner.refreshToken()).statusCode(), "no login was ended");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'password.change-failed' "
                + "AND subject = '" + owner.id() + "'"));
    }

    @Test
    void logoutAllEndsEveryLoginOfTheCaller() {
        Fleet.Owner owner = Fleet.newOwner();
        JsonObject phone = Fleet.login(owner.email(), Fleet.PASSWORD);
        Fleet.Owner someoneElse = Fleet.newOwner();

        assertEquals(204, postJson("/v1/auth/logout-all", "{}", phone.getString("access_token")).statusCode());

        for (String token : List.of(owner.accessToken(), phone.getString("access_token"))) {
            assertEquals(401, get("/v1/pets", token).statusCode());
        }
        assertEquals(401, refresh(owner.refreshToken()).statusCode());
        assertEquals(200, get("/v1/pets", someoneElse.accessToken()).statusCode(), "another account's login goes on");
        assertEquals(1, TestDatabase.count("SELECT count(*) FROM audit_event WHERE type = 'logout.everywhere' "
                + "AND subject = '" + owner.id() + "'"));
    }

    @Test
    void aPasswordHashedAtTheOldCostIsHashedAgainAtTodaysWhenItIsNextUsed() {
        Fleet.Owner owner = Fleet.newOwner();
        String old = PasswordHasher.hash(Fleet.PASSWORD.toCharArray(), 210_000);
        TestDatabase.execute("UPDATE account SET password_hash = '" + old + "' WHERE id = '" + owner.id() + "'");

        assertEquals(200, login(owner.email(), Fleet.PASSWORD).statusCode());

        assertEquals(1, TestDatabase.count("SELECT count(*) FROM account WHERE id = '" + owner.id()
                + "' AND password_hash LIKE 'pbkdf2-sha256$600000$%'"));
        assertEquals(200, login(owner.email(), Fleet.PASSWORD).statusCode());
    }

    private static HttpResponse<String> changePassword(String token, String current, String next) {
        return postJson("/v1/me/password", """
                {"current_password": "%s", "new_password": "%s"}""".formatted(current, next), token);
    }

    private static HttpResponse<String> register(String email, String password) {
        return postJson("/v1/accounts", """
                {"email": "%s", "password": "%s", "display_name": "Someone"}""".formatted(email, password));
    }

    private static HttpResponse<String> login(String email, String password) {
        return postJson("/v1/auth/token", """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
    }

    private static HttpResponse<String> refresh(String token) {
        return postJson("/v1/auth/refresh", "{\"refresh_token\": \"" + token + "\"}");
    }
}
