package it.io.petty.behavior;

import io.petty.domain.testing.ReadingScript;
import it.io.petty.Behavior;
import it.io.petty.Fleet;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pet plan against values worked out by hand (RER = 70 · kg^0.75, MER = RER × factor). */
class PetPlanIT {

    private static HttpResponse<String> weigh(Fleet.Collar collar, String changes) {
        return send(request("/v1/pets/" + collar.petId()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + collar.owner().accessToken())
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(changes)));
    }

    private static JsonObject plan(Fleet.Collar collar) {
        HttpResponse<String> plan = get("/v1/pet-plan?collar_id=" + collar.id(), collar.owner().accessToken());
        assertEquals(200, plan.statusCode(), plan.body());
        return json(plan);
    }

    @Test
    void aDogWithoutMeasuredActivityGetsATypicalAdultsEnergy() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(200, weigh(collar, "{\"weight_kg\": 31.5, \"body_condition_score\": 5}").statusCode());

        JsonObject plan = plan(collar);

        JsonObject energy = plan.getJsonObject("energy");
        assertEquals(931, energy.getInt("resting_kcal_per_day"), "70 × 31.5^0.75 = 930.75");
        assertEquals(1489, energy.getInt("maintenance_kcal_per_day"), "930.75 × 1.6");
        assertEquals("typical", energy.getString("activity_class"));
        assertEquals(60, plan.getJsonObject("activity").getInt("goal_minutes_per_day"));
        assertEquals(7, plan.getJsonObject("activity").getJsonArray("last_7_days").size());
        assertEquals(0, plan.getJsonArray("health_alerts").size(), "the original app reads health_alerts");
    }

    @Test
    void anOverweightDogGetsAWeightLossPlan() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(200, weigh(collar, "{\"weight_kg\": 10, \"body_condition_score\": 8}").statusCode());

        JsonObject plan = plan(collar);

        assertEquals(394, plan.getJsonObject("energy").getInt("maintenance_kcal_per_day"), "70 × 10^0.75 × 1.0");
        assertEquals("weight-loss", plan.getJsonObject("energy").getString("activity_class"));
        assertEquals(90, plan.getJsonObject("activity").getInt("goal_minutes_per_day"));
    }

    @Test
    void theMeasuredActivityOfTheLastDaysChoosesTheFactor() {
        Fleet.Collar collar = Fleet.newCollar();
        assertEquals(200, weigh(collar, "{\"weight_kg\": 10, \"body_condition_score\": 5}").statusCode());
        // Ten minutes of walking, two days ago: an inactive dog.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        Behavior.send(collar, ReadingScript.forCollar(ReadingScript.startingAt(day.atTime(8, 0).toInstant(ZoneOffset.UTC))
                .walk(61, 95, 10, 0).readings(), collar.id()), 100);
        Behavior.awaitAnalysed(collar.id(), Duration.ofSeconds(60));

        JsonObject plan = plan(collar);

        assertEquals("inactive", plan.getJsonObject("energy").getString("activity_class"), plan.toString());
        assertEquals(472, plan.getJsonObject("energy").getInt("maintenance_kcal_per_day"), "393.64 × 1.2");
        JsonObject activity = plan.getJsonObject("activity");
        assertEquals(10.0, activity.getJsonNumber("average_minutes").doubleValue());
        assertEquals(1, activity.getInt("days_measured"));
        JsonObject measured = activity.getJsonArray("last_7_days").getJsonObject(5);
        assertEquals(day.toString(), measured.getString("date"));
        assertFalse(measured.getBoolean("goal_met"));
    }

    @Test
    void withoutAWeightThereIsNoEnergyYetAndAnotherOwnersPetIsNotFound() {
        Fleet.Collar collar = Fleet.newCollar();
        Fleet.Collar stranger = Fleet.newCollar();

        assertFalse(plan(collar).containsKey("energy"));
        assertEquals(404, get("/v1/pet-plan?collar_id=" + collar.id(), stranger.owner().accessToken()).statusCode());
        assertEquals(404, get("/v1/pet-plan?pet_id=" + collar.petId(), stranger.owner().accessToken()).statusCode());
        assertEquals(422, get("/v1/pet-plan", collar.owner().accessToken()).statusCode());
        HttpResponse<String> legacy = get("/pet-plan?collar_id=" + collar.id(), collar.owner().accessToken());
        assertEquals(200, legacy.statusCode(), legacy.body());
        assertTrue(legacy.headers().firstValue("Sunset").isPresent());
    }
}
