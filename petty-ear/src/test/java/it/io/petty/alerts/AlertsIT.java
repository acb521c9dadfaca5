package it.io.petty.alerts;

import it.io.petty.Behavior;
import it.io.petty.Fleet;
import it.io.petty.Readings;
import it.io.petty.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static it.io.petty.Problems.assertProblem;
import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.postJson;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/alerts} and {@code POST /v1/alerts/{id}/acknowledge} against the running server. */
class AlertsIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);

    @Test
    void anOwnerListsAPetsEpisodesNewestFirstAndAcknowledgesOne() {
        Fleet.Owner owner = Fleet.newOwner();
        UUID pet = Fleet.newPet(owner);
        UUID battery = stored(pet, "low_battery", T0, T0.plusSeconds(600));
        UUID away = stored(pet, "left_home", T0.plusSeconds(900), null);

        JsonArray all = array(alerts(owner, "?pet_id=" + pet));
        assertEquals(List.of(away.toString(), battery.toString()),
                all.stream().map(alert -> alert.asJsonObject().getString("id")).toList());
        JsonObject open = all.getJsonObject(0);
        assertEquals("left_home", open.getString("kind"));
        assertEquals("open", open.getString("state"));
        assertEquals("300 m from home (fence 100 m)", open.getString("opened_detail"));
        assertFalse(open.containsKey("resolved_at"), "nulls are left out");
        assertEquals("resolved", all.getJsonObject(1).getString("state"));

        HttpResponse<String> acknowledged = acknowledge(owner, away.toString());
        assertEquals(200, acknowledged.statusCode(), acknowledged.body());
        assertEquals("acknowledged", json(acknowledged).getString("state"));
        assertEquals(List.of(away.toString()), array(alerts(owner, "?pet_id=" + pet + "&state=acknowledged"))
                .stream().map(alert -> alert.asJsonObject().getString("id")).toList());
        assertEquals(0, array(alerts(owner, "?pet_id=" + pet + "&state=open")).size());
    }

    @Test
    void anotherOwnersPetOrAlertDoesNotExist() {
        Fleet.Owner owner = Fleet.newOwner();
        UUID pet = Fleet.newPet(owner);
        UUID away = stored(pet, "left_home", T0, null);
        Fleet.Owner stranger = Fleet.newOwner();

        assertProblem(alerts(stranger, "?pet_id=" + pet), 404, "unknown-pet");
        assertProblem(acknowledge(stranger, away.toString()), 404, "unknown-alert");
        assertEquals(0, TestDatabase.count("SELECT count(*) FROM alert WHERE id = '" + away
                + "' AND acknowledged_at IS NOT NULL"));
        assertProblem(acknowledge(owner, "not-an-id"), 404, "unknown-alert");
        assertEquals(401, get("/v1/alerts?pet_id=" + pet).statusCode());
    }

    @Test
    void aMissingPetOrAnUnknownStateIsNamed() {
        Fleet.Owner owner = Fleet.newOwner();
        UUID pet = Fleet.newPet(owner);

        assertEquals("pet_id", field(alerts(owner, "")));
        assertEquals("state", field(alerts(owner, "?pet_id=" + pet + "&state=snoozed")));
    }

    @Test
    void theRealTimeViewShowsWhatIsNotResolvedYet() {
        Fleet.Collar collar = Fleet.newCollar();
        Fleet.require(postJson("/v1/ingest", Readings.reading(collar.id(), Readings.recent()), collar.deviceToken()),
                201);
        UUID away = stored(collar.petId(), "left_home", T0, null);
        stored(collar.petId(), "low_battery", T0.minusSeconds(600), T0);

        HttpResponse<String> realtime = get("/v1/realtime?collar_id=" + collar.id(), collar.owner().accessToken());

        assertEquals(200, realtime.statusCode(), realtime.body());
        assertEquals(List.of(away.toString()), json(realtime).getJsonArray("open_alerts").stream()
                .map(alert -> alert.asJsonObject().getString("id")).toList());
    }

    @Test
    void theTimelineShowsTheEpisodesOpenAtAnyTimeOfTheDay() {
        Fleet.Collar collar = Fleet.newCollar();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        UUID overnight = stored(collar.petId(), "left_home", midnight.minusSeconds(12 * 3600),
                midnight.plusSeconds(3600));
        stored(collar.petId(), "low_battery", midnight.minusSeconds(48 * 3600), midnight.minusSeconds(24 * 3600));
        stored(collar.petId(), "inactivity", midnight.plusSeconds(25 * 3600), null);
        UUID morning = stored(collar.petId(), "low_battery", midnight.plusSeconds(10 * 3600), null);

        JsonObject timeline = Behavior.timeline(collar, day.toString());

        assertEquals(List.of(overnight.toString(), morning.toString()), timeline.getJsonArray("alerts").stream()
                .map(alert -> alert.asJsonObject().getString("id")).toList());
    }

    @Test
    void thePetPlanNotesTheHealthAlertsOfTheLastSevenDays() {
        Fleet.Collar collar = Fleet.newCollar();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        stored(collar.petId(), "high_resting_heart_rate", now.minus(2, ChronoUnit.DAYS), null,
                "resting heart rate 130 bpm, baseline 60 bpm");
        stored(collar.petId(), "low_battery", now.minus(1, ChronoUnit.DAYS), null);
        stored(collar.petId(), "inactivity", now.minus(10, ChronoUnit.DAYS), now.minus(9, ChronoUnit.DAYS));

        HttpResponse<String> plan = get("/v1/pet-plan?collar_id=" + collar.id(), collar.owner().accessToken());

        assertEquals(200, plan.statusCode(), plan.body());
        assertEquals(List.of(LocalDate.ofInstant(now.minus(2, ChronoUnit.DAYS), ZoneOffset.UTC)
                        + ": high resting heart rate (resting heart rate 130 bpm, baseline 60 bpm), still open"),
                json(plan).getJsonArray("health_alerts").getValuesAs(JsonString::getString));
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    private static HttpResponse<String> alerts(Fleet.Owner owner, String query) {
        return get("/v1/alerts" + query, owner.accessToken());
    }

    private static HttpResponse<String> acknowledge(Fleet.Owner owner, String alertId) {
        return send(request("/v1/alerts/" + alertId + "/acknowledge").header("Authorization",
                "Bearer " + owner.accessToken()).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** An episode as the engine stores it. */
    private static UUID stored(UUID pet, String kind, Instant opened, Instant resolved) {
        return stored(pet, kind, opened, resolved, "300 m from home (fence 100 m)");
    }

    private static UUID stored(UUID pet, String kind, Instant opened, Instant resolved, String detail) {
        UUID id = UUID.randomUUID();
        TestDatabase.execute("INSERT INTO alert (id, pet_id, collar_id, kind, opened_at, opened_detail, resolved_at, "
                + "resolved_detail) VALUES ('" + id + "', '" + pet + "', 'SN-ALERTS', '" + kind + "', '" + opened
                + "', '" + detail + "', " + (resolved == null ? "NULL, NULL" : "'" + resolved + "', 'cleared'") + ")");
        return id;
    }

    private static String field(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        return json(response).getJsonArray("errors").getJsonObject(0).getString("field");
    }
}
