package io.petty.api.http;

import io.petty.api.problem.ProblemException;
import io.petty.api.problem.ProblemType;
import io.petty.api.webhooks.WebhookRequest;
import io.petty.domain.pets.PetDraft;
import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordBodiesTest {

    private static <T extends Record> T read(Class<T> type, String json) {
        return RecordBodies.read(type, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldViolation> violations(Class<? extends Record> type, String json) {
        return assertThrows(InvalidInputException.class, () -> read(type, json)).violations();
    }

    private static ProblemType problem(String json) {
        return assertThrows(ProblemException.class, () -> read(PetDraft.class, json)).type();
    }

    @Test
    void bindsSnakeCaseMembersNestedRecordsAndLists() {
        PetDraft pet = read(PetDraft.class, """
                {"name":"Rex","species":"dog","weight_kg":31.5,"body_condition_score":5,
                 "home":{"lat":60.17,"lon":24.94,"radius_m":150},"time_zone":"Europe/Helsinki","unknown":[1,{"a":2}]}
                """);
        assertEquals(new PetDraft("Rex", "dog", null, null, new BigDecimal("31.5"), 5,
                new PetDraft.GeofenceDraft(60.17, 24.94, 150), "Europe/Helsinki"), pet);

        WebhookRequest webhook = read(WebhookRequest.class,
                "{\"url\":\"https://example.com\",\"kinds\":[\"low_battery\"],\"quiet_hours\":null}");
        assertEquals(new WebhookRequest("https://example.com", List.of("low_battery"), null), webhook);
    }

    @Test
    void namesEveryMistypedFieldByItsPath() {
        assertEquals(List.of(new FieldViolation("name", "must be a string"),
                        new FieldViolation("weight_kg", "must be a number"),
                        new FieldViolation("body_condition_score", "must be a whole number within range"),
                        new FieldViolation("home.radius_m", "must be a whole number within range")),
                violations(PetDraft.class, """
                        {"name":7,"weight_kg":"heavy","body_condition_score":2147483648,
                         "home":{"lat":1,"lon":2,"radius_m":1.5}}"""));
        assertEquals(List.of(new FieldViolation("kinds[1]", "must be a string"),
                        new FieldViolation("quiet_hours", "must be an object")),
                violations(WebhookRequest.class, "{\"kinds\":[\"a\",false],\"quiet_hours\":\"22-07\"}"));
        assertEquals(List.of(new FieldViolation("kinds", "must be an array")),
                violations(WebhookRequest.class, "{\"kinds\":\"low_battery\"}"));
    }

    @Test
    void nullAndMissingMembersAreAbsent() {
        assertEquals(new PetDraft(null, null, null, null, null, null, null, null),
                read(PetDraft.class, "{\"name\":null}"));
    }

    @Test
    void limitsApplyToEveryBody() {
        assertEquals(List.of(new FieldViolation("name", "must not contain the NUL character (U+0000)")),
                violations(PetDraft.class, "{\"name\":\"a\\u0000b\"}"));
        assertEquals(List.of(new FieldViolation("home.lat", JsonInput.NUMBER_OUT_OF_RANGE)),
                violations(PetDraft.class, "{\"home\":{\"lat\":1e9999999999}}"));
        assertEquals(List.of(new FieldViolation("breed", "must be at most 65536 characters")),
                violations(PetDraft.class, "{\"breed\":\"" + "b".repeat(65_537) + "\"}"));
        assertEquals(ProblemType.MALFORMED_JSON,
                problem("{\"x\":" + "[".repeat(JsonInput.MAX_DEPTH) + "]".repeat(JsonInput.MAX_DEPTH) + "}"));
        assertNull(read(PetDraft.class, "{\"x\":" + "[".repeat(JsonInput.MAX_DEPTH - 1)
                + "]".repeat(JsonInput.MAX_DEPTH - 1) + "}").name());
    }

    @Test
    void anythingButOneObjectIsMalformed() {
        for (String body : List.of("", "[]", "{\"name\":", "{}{}", "1", "{\"a\":1,}", "{'a':1}")) {
            assertEquals(ProblemType.MALFORMED_JSON, problem(body), body);
        }
    }

    @Test
    void numbersAreBoundedInLengthAndExponent() {
        assertEquals(new BigDecimal("72"), JsonInput.decimal("72").orElseThrow());
        assertEquals(new BigDecimal("1e300"), JsonInput.decimal("1e300").orElseThrow());
        assertEquals(true, JsonInput.decimal("1e301").isEmpty());
        assertEquals(true, JsonInput.decimal("1e-301").isEmpty());
        assertEquals(true, JsonInput.decimal("1e9999999999").isEmpty());
        assertEquals(true, JsonInput.decimal("7".repeat(65)).isEmpty());
    }
}
