package io.petty.domain.retention;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionTest {

    private static Retention keeping(int days) {
        return new Retention(null, null, null, null, null, null, days);
    }

    @Test
    void ninetyDaysAreTodayAndTheEightyNineBefore() {
        assertEquals(LocalDate.parse("2026-09-09"), keeping(90).firstReadingDayKept(LocalDate.parse("2026-12-07")));
        assertEquals(LocalDate.parse("2026-12-07"), keeping(31).firstReadingDayKept(LocalDate.parse("2027-01-06")));
    }

    @Test
    void fewerDaysThanLateReadingsAreAcceptedForIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> keeping(30));
        assertTrue(refused.getMessage().contains("at least 31"), refused.getMessage());
        keeping(Retention.MIN_READING_DAYS);
    }
}
