package io.petty.domain.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuietHoursTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    @Test
    void outsideTheQuietHoursItGoesAtOnce() {
        Instant noon = Instant.parse("2026-12-02T10:00:00Z");

        assertEquals(noon, NIGHT.deferred(noon, HELSINKI));
    }

    @Test
    void inThemItWaitsForTheirEndInThePetsZoneOverMidnightToo() {
        // 23:30 and 03:00 in Helsinki (UTC+2): both wait for 07:00 there, 05:00 UTC the next morning.
        assertEquals(Instant.parse("2026-12-03T05:00:00Z"), NIGHT.deferred(Instant.parse("2026-12-02T21:30:00Z"),
                HELSINKI));
        assertEquals(Instant.parse("2026-12-03T05:00:00Z"), NIGHT.deferred(Instant.parse("2026-12-03T01:00:00Z"),
                HELSINKI));
    }

    @Test
    void theEndIsNotQuietAndTheBeginningIs() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        Instant twelve = Instant.parse("2026-12-02T12:00:00Z");
        Instant one = Instant.parse("2026-12-02T13:00:00Z");

        assertEquals(one, lunch.deferred(twelve, ZoneId.of("UTC")));
        assertEquals(one, lunch.deferred(one, ZoneId.of("UTC")));
        assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
    }
}
