package it.io.petty;

import io.petty.domain.collars.CollarFactory;
import io.petty.domain.collars.CollarRepository;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;

/**
 * Owners, pets and paired collars made through the public API, as the app and a collar would, with collars the
 * factory made in the database.
 */
public final class Fleet {

    public static final String PASSWORD = "a long enough passphrase";
    private static CollarFactory factory;

    private Fleet() {
    }

    public record Owner(UUID id, String email, String accessToken, String refreshToken) {
    }

    public record Collar(String id, String claimCode, UUID petId, String secret, String deviceToken, Owner owner) {
    }

    public static Owner newOwner() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = postJson("/v1/accounts", """
                {"email": "%s", "password": "%s", "display_name": "Test Owner"}""".formatted(email, PASSWORD));
        require(created, 201);
        JsonObject tokens = login(email, PASSWORD);
        return new Owner(UUID.fromString(json(created).getString("id")), email, tokens.getString("access_token"),
                tokens.getString("refresh_token"));
    }

    /**
     * An admin. Admins are made by {@code petty accounts create} on the database; here an owner registered
     * through the API is promoted in the database, then logs in to get the admin group.
     */
    public static Owner newAdmin() {
        return newWithRole("admin");
    }

    /** A compliance officer, made like {@link #newAdmin} (officers too are made on the database). */
    public static Owner newOfficer() {
        return newWithRole("compliance_officer");
    }

    private static Owner newWithRole(String role) {
        Owner owner = newOwner();
        TestDatabase.execute("UPDATE account SET role = '" + role + "' WHERE id = '" + owner.id() + "'");
        JsonObject tokens = login(owner.email(), PASSWORD);
        return new Owner(owner.id(), owner.email(), tokens.getString("access_token"), tokens.getString("refresh_token"));
    }

    public static JsonObject login(String email, String password) {
        HttpResponse<String> response = postJson("/v1/auth/token", """
                {"email": "%s", "password": "%s"}""".formatted(email, password));
        return json(require(response, 200));
    }

    public static UUID newPet(Owner owner) {
        return newPet(owner, "{\"name\": \"Rex\", \"species\": \"dog\"}");
    }

    /** The owner's new pet, described as the app posts it. */
    public static UUID newPet(Owner owner, String pet) {
        return UUID.fromString(json(require(postJson("/v1/pets", pet, owner.accessToken()), 201)).getString("id"));
    }

    /**
     * A new owner with a dog wearing a collar, and the collar's device token. The pairing's window of readings is
     * moved 31 days back, as if the dog had worn the collar for a month: every reading time the server accepts is
     * the dog's. Tests of pairing windows themselves use {@link #newCollarPairedNow}.
     */
    public static Collar newCollar() {
        return newCollar(newOwner());
    }

    /** A new owner's collar that has sent three readings of a few minutes ago, one a second. */
    public static Collar newCollarWithReadings() {
        Collar collar = newCollar();
        Instant start = Readings.recent().minusSeconds(600);
        for (int i = 0; i < 3; i++) {
            require(PettyHttp.postJson("/v1/ingest", Readings.reading(collar.id(), start.plusSeconds(i)),
                    collar.deviceToken()), 201);
        }
        return collar;
    }

    public static Collar newCollar(Owner owner) {
        Collar collar = newCollarPairedNow(owner);
        // Before the collar's first reading, so no server has remembered the window yet.
        TestDatabase.execute("UPDATE collar_pairing SET readings_from = readings_from - interval '31 days' "
                + "WHERE unpaired_at IS NULL AND collar_id = '" + collar.id() + "'");
        return collar;
    }

    /** The owner's new dog wearing a collar paired just now: only readings from now on are the dog's. */
    public static Collar newCollarPairedNow(Owner owner) {
        return newCollarPairedNow(owner, newPet(owner));
    }

    /** A new collar put on the owner's pet just now. */
    public static Collar newCollarPairedNow(Owner owner, UUID pet) {
        CollarFactory.MadeCollar made = newFactoryCollar();
        require(pair(owner, made.serial(), made.claimCode(), pet), 201);
        return new Collar(made.serial(), made.claimCode(), pet, made.secret(),
                deviceToken(made.serial(), made.secret()), owner);
    }

    /** A collar as the factory makes it ({@code petty collars provision}): in the database, paired with no pet. */
    public static synchronized CollarFactory.MadeCollar newFactoryCollar() {
        if (factory == null) {
            factory = new CollarFactory(CollarRepository.using(TestDatabase.dataSource()));
        }
        return factory.make("IT", 1).get(0);
    }

    /** {@code POST /v1/collars}, as the owner's app sends it. */
    public static HttpResponse<String> pair(Owner owner, String serial, String claimCode, UUID pet) {
        return postJson("/v1/collars", """
                {"collar_id": "%s", "claim_code": "%s", "pet_id": "%s"}""".formatted(serial, claimCode, pet),
                owner.accessToken());
    }

    public static String deviceToken(String collarId, String secret) {
        HttpResponse<String> token = postJson("/v1/auth/device-token", """
                {"collar_id": "%s", "secret": "%s"}""".formatted(collarId, secret));
        return json(require(token, 200)).getString("access_token");
    }

    /** The response, when it has the status; otherwise an error naming the call, the status and the body. */
    public static HttpResponse<String> require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.uri() + ", got "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
