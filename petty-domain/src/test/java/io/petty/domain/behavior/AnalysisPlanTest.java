package io.petty.domain.behavior;

import io.petty.domain.behavior.AnalysisPlan.Cursor;
import io.petty.domain.behavior.AnalysisPlan.Work;
import io.petty.domain.telemetry.ReadingBacklog.Arrival;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisPlanTest {

    private static final String COLLAR = "SN-12345";
    private static final UUID REX = UUID.randomUUID();
    private static final UUID MIA = UUID.randomUUID();
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final PetWindow REX_WORE_IT = new PetWindow(REX, UTC, t("2026-11-01T00:00:00Z"), null, null);

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }

    private static Arrival arrival(long id, String earliest, String latest) {
        return new Arrival(id, COLLAR, t(earliest), t(latest));
    }

    private static Cursor at(String unitStart, String unitEnd, String through) {
        return new Cursor(REX, t(unitStart), t(unitEnd), t(through), new byte[] {1});
    }

    @Test
    void readingsAfterEverythingAnalysedContinueTheUnitUpToWhatWasAnnounced() {
        Cursor cursor = at("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T10:00:00Z");

        List<Work> work = AnalysisPlan.of(COLLAR, cursor,
                List.of(arrival(1, "2026-11-25T10:00:10Z", "2026-11-25T10:05:00Z")), List.of(REX_WORE_IT));

        assertEquals(1, work.size());
        assertTrue(work.get(0).resume());
        assertEquals(t("2026-11-25T10:00:00.000001Z"), work.get(0).from());
        assertEquals(t("2026-11-25T10:05:00.000001Z"), work.get(0).to());
    }

    @Test
    void aLateReadingAnalysesItsWholeDayAgain() {
        Cursor cursor = at("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T10:00:00Z");

        List<Work> work = AnalysisPlan.of(COLLAR, cursor,
                List.of(arrival(1, "2026-11-25T10:05:00Z", "2026-11-25T10:06:00Z"),
                        arrival(2, "2026-11-25T09:00:00Z", "2026-11-25T09:00:00Z")), List.of(REX_WORE_IT));

        assertEquals(1, work.size());
        assertFalse(work.get(0).resume());
        assertEquals(t("2026-11-25T00:00:00Z"), work.get(0).from());
        assertEquals(t("2026-11-26T00:00:00Z"), work.get(0).to());
    }

    @Test
    void aBatchAcrossMidnightTouchesBothDaysAndTheNewerIsInProgress() {
        Cursor cursor = at("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T23:50:00Z");

        List<Work> work = AnalysisPlan.of(COLLAR, cursor,
                List.of(arrival(1, "2026-11-25T23:55:00Z", "2026-11-26T00:10:00Z")), List.of(REX_WORE_IT));

        assertEquals(List.of(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26)),
                work.stream().map(w -> w.unit().day()).toList());
        assertTrue(work.get(0).resume(), "the day in progress continues");
        assertFalse(work.get(1).resume(), "the new day starts from nothing");
        assertEquals(t("2026-11-26T00:00:00Z"), AnalysisPlan.inProgress(cursor, work));
    }

    @Test
    void aPetsDayIsItsLocalDay() {
        PetWindow inHelsinki = new PetWindow(REX, HELSINKI, t("2026-11-01T00:00:00Z"), null, null);

        Unit unit = AnalysisPlan.of(COLLAR, null, List.of(arrival(1, "2026-11-25T21:30:00Z", "2026-11-25T21:40:00Z")),
                List.of(inHelsinki)).get(0).unit();

        // 21:30 UTC is 23:30 in Helsinki: still the 25th there, a day that began at 22:00 UTC the evening before.
        assertEquals(LocalDate.of(2026, 11, 25), unit.day());
        assertEquals(t("2026-11-24T22:00:00Z"), unit.start());
        assertEquals(t("2026-11-25T22:00:00Z"), unit.end());
    }

    @Test
    void aDayInWhichTheCollarChangedHandsIsAUnitForEachPet() {
        PetWindow rex = new PetWindow(REX, UTC, t("2026-11-01T00:00:00Z"), t("2026-11-25T12:00:00Z"), null);
        PetWindow mia = new PetWindow(MIA, UTC, t("2026-11-25T12:30:00Z"), null, null);

        List<Work> work = AnalysisPlan.of(COLLAR, null,
                List.of(arrival(1, "2026-11-25T11:00:00Z", "2026-11-25T13:00:00Z")), List.of(rex, mia));

        assertEquals(List.of(REX, MIA), work.stream().map(w -> w.unit().petId()).toList());
        assertEquals(t("2026-11-25T12:00:00Z"), work.get(0).unit().end());
        assertEquals(t("2026-11-25T12:30:00Z"), work.get(1).unit().start());
    }

    @Test
    void readingsInNoPetsWindowAskForNothing() {
        PetWindow rex = new PetWindow(REX, UTC, t("2026-11-25T12:00:00Z"), null, null);

        assertEquals(List.of(), AnalysisPlan.of(COLLAR, null,
                List.of(arrival(1, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z")), List.of(rex)));
    }

    @Test
    void theCursorsUnitIsTheOneInProgressWhenOnlyOlderDaysHaveNews() {
        Cursor cursor = at("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", "2026-11-25T10:00:00Z");

        List<Work> work = AnalysisPlan.of(COLLAR, cursor,
                List.of(arrival(1, "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z")), List.of(REX_WORE_IT));

        assertEquals(LocalDate.of(2026, 11, 23), work.get(0).unit().day());
        assertFalse(work.get(0).resume());
        assertEquals(cursor.unitStart(), AnalysisPlan.inProgress(cursor, work));
    }
}
