package it.io.petty.identity;

import com.nimbusds.jwt.SignedJWT;
import it.io.petty.Fleet;
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
