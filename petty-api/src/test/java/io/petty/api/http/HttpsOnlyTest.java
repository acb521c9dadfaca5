package io.petty.api.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpsOnlyTest {

    @Test
    void plainHttpFromElsewhereGoesToTheSamePlaceOverHttps() {
        assertEquals(Optional.of(URI.create("https://api.petty.io/v1/pets?x=a%20b")),
                HttpsOnly.redirect(URI.create("http://api.petty.io/v1/pets?x=a%20b"), false, 443));
        assertEquals(Optional.of(URI.create("https://10.0.0.5:9443/v1/ingest")),
                HttpsOnly.redirect(URI.create("http://10.0.0.5:9080/v1/ingest"), false, 9443));
    }

    @Test
    void httpsAndTheMachineItselfAreServed() {
        assertEquals(Optional.empty(), HttpsOnly.redirect(URI.create("https://api.petty.io/v1/pets"), false, 443));
        assertEquals(Optional.empty(),
                HttpsOnly.redirect(URI.create("http://localhost:9080/.well-known/jwks.json"), true, 9443));
    }
}
