package io.petty.cli.load;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "60s, PT1M", "5m, PT5M", "2h, PT2H", "PT1M30S, PT1M30S", "pt10s, PT10S", "' 30s ', PT30S"})
    void acceptsShortFormsAndIso8601(String typed, String expected) {
        assertEquals(Duration.parse(expected), DurationConverter.parse(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "60", "1d", "5 m", "-5s", "1.5s", "soon"})
    void refusesAnythingElseNamingTheFormsItTakes(String typed) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DurationConverter.parse(typed));
        assertTrue(refused.getMessage().contains("60s, 5m"), refused.getMessage());
    }
}
