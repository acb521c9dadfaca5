package io.petty.api.http;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonInputTest {

    /** Bit for bit what the decimal gives: the fast path may not round differently from BigDecimal. */
    private static void assertSameAsDecimal(String text) {
        double expected = new BigDecimal(text).doubleValue();
        assertEquals(Double.doubleToLongBits(expected == 0 ? 0.0 : expected),
                Double.doubleToLongBits(JsonInput.number(text)), text);
    }

    @Test
    void aNumberIsTheDecimalsNearestDouble() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int digits = 1 + random.nextInt(19);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0) {
                    text.append('.');
                }
                text.append((char) ('0' + (d == 0 && point > 1 ? 1 + random.nextInt(9) : random.nextInt(10))));
            }
            assertSameAsDecimal(text.toString());
        }
        for (String text : new String[] {"0", "-0", "0.0", "1", "-1", "16", "0.1", "0.30000000000000004", "2000.5",
            "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000001", "1e5", "-2.5E-3",
            "1.5e300", "-4.9e-300"}) {
            assertSameAsDecimal(text);
        }
    }

    @Test
    void whatTheDecimalRefusesIsNotANumber() {
        assertTrue(Double.isNaN(JsonInput.number("1e999")), "an exponent beyond the range");
        assertTrue(Double.isNaN(JsonInput.number("1e-999")));
        assertTrue(Double.isNaN(JsonInput.number("1" + "0".repeat(JsonInput.MAX_NUMBER_CHARS))), "too long");
    }
}
