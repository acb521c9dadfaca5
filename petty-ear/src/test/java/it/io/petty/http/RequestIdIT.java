package it.io.petty.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static it.io.petty.PettyHttp.get;
import static it.io.petty.PettyHttp.request;
import static it.io.petty.PettyHttp.send;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RequestIdIT {

    @Test
    void echoesTheClientsRequestId() {
        HttpResponse<String> response = send(request("/v1/realtime?collar_id=SN-00001")
                .header("X-Request-ID", "app-7f3a.42"));
        assertEquals("app-7f3a.42", response.headers().firstValue("X-Request-ID").orElseThrow());
    }

    @Test
    void givesARequestWithoutOneAFreshUuid() {
        String id = get("/v1/no-such-thing").headers().firstValue("X-Request-ID").orElseThrow();
        assertDoesNotThrow(() -> UUID.fromString(id));
    }

    @Test
    void replacesAnIdThatCouldInjectIntoLogsOrHeaders() {
        String hostile = "x\"><script>alert(1)</script>";
        HttpResponse<String> response = send(request("/v1/realtime?collar_id=SN-00001")
                .header("X-Request-ID", hostile.replace("\"", "%22")));
        String answered = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertNotEquals(hostile, answered);
        assertDoesNotThrow(() -> UUID.fromString(answered));
    }
}
