package it.io.petty.health;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthIT {

    @Test
    void liveReadyAndStartedAreUpWithTheDatabaseReachableAndTheSchemaCurrent() {
        assertUp(get("/health/live"));
        assertUp(get("/health/started"));
        JsonObject ready = assertUp(get("/health/ready"));
        JsonObject database = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow();
        assertTrue(database.getJsonObject("data").getBoolean("reachable"));
        assertTrue(database.getJsonObject("data").getString("schema").startsWith("schema at version "));
    }

    private static JsonObject assertUp(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response);
        assertEquals("UP", health.getString("status"));
        return health;
    }
}
