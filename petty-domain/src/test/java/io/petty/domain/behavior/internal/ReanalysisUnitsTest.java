package io.petty.domain.behavior.internal;

import io.petty.domain.behavior.Reanalysis;
import io.petty.domain.behavior.Reanalysis.CollarRange;
import io.petty.domain.behavior.Reanalysis.Position;
import io.petty.domain.behavior.Unit;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.MutableClock;
import io.petty.domain.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which units a re-analysis run takes, range by range and page by page, in a migrated PostgreSQL: the pets' local
 * days cut to the pairing windows, only those over, each exactly once across the ranges, and from a checkpoint on
 * exactly the ones after it.
 */
class ReanalysisUnitsTest {

    private static final LocalDate FROM = LocalDate.parse("2026-12-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-02");
    /** Los Angeles' December 2nd is not over yet; Tokyo's and UTC's are. */
    private static final Instant NOW = Instant.parse("2026-12-03T05:00:00Z");
    private static final String[] ZONES = {"UTC", "Asia/Tokyo", "America/Los_Angeles"};
    private static final int COLLARS = 12;

    private static UnitReanalysis reanalysis;

    @BeforeAll
    static void fleet() throws SQLException {
        DataSource database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO account (id, role) VALUES ('" + owner() + "', 'owner')");
            for (int i = 0; i < COLLARS; i++) {
                UUID pet = pet(sql, "p" + i, ZONES[i % ZONES.length]);
                pairing(sql, "CC-" + (100 + i), pet, "2026-11-30T00:00Z", null);
            }
            // Handed from one pet to another at noon on the 2nd: two units that day.
            pairing(sql, "SW-100", pet(sql, "first", "UTC"), "2026-11-30T00:00Z", "2026-12-02T12:00Z");
            pairing(sql, "SW-100", pet(sql, "second", "UTC"), "2026-12-02T12:00Z", null);
            // Worn only after the days: none.
            pairing(sql, "LA-100", pet(sql, "late", "UTC"), "2026-12-05T00:00Z", null);
        }
        reanalysis = new UnitReanalysis(null, null, null, new JdbcAnalysisCursors(database), null, null,
                new MutableClock(NOW));
    }

    @Test
    void everyRangePagedThroughGivesEachUnitThatIsOverExactlyOnce() {
        List<Unit> all = new ArrayList<>();
        for (CollarRange range : CollarRange.split(4)) {
            List<Unit> ofRange = allOf(range, null);
            List<Unit> sorted = new ArrayList<>(ofRange);
            sorted.sort(Reanalysis.ORDER);
            assertEquals(sorted, ofRange, "a range's units come in collar and start order");
            all.addAll(ofRange);
        }
        // UTC and Tokyo pets: both days; Los Angeles: the 1st; the swapped collar: three units; the late one none.
        int utc = 4;
        int tokyo = 4;
        int losAngeles = 4;
        assertEquals(utc * 2 + tokyo * 2 + losAngeles + 3, all.size(), all.toString());
        assertEquals(all.size(), new HashSet<>(all).size(), "no unit twice");
        assertTrue(all.stream().noneMatch(unit -> unit.end().isAfter(NOW)), "only units that are over");
        assertTrue(all.stream().noneMatch(unit -> unit.collarId().equals("LA-100")));

        List<String> swapped = all.stream().filter(unit -> unit.collarId().equals("SW-100"))
                .map(unit -> unit.day() + " " + unit.start() + " " + unit.end()).sorted().toList();
        assertEquals(List.of("2026-12-01 2026-12-01T00:00:00Z 2026-12-02T00:00:00Z",
                "2026-12-02 2026-12-02T00:00:00Z 2026-12-02T12:00:00Z",
                "2026-12-02 2026-12-02T12:00:00Z 2026-12-03T00:00:00Z"), swapped);
        Unit tokyoFirst = all.stream().filter(unit -> unit.zone().getId().equals("Asia/Tokyo")
                && unit.day().equals(FROM)).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-11-30T15:00:00Z"), tokyoFirst.start());
    }

    @Test
    void fromACheckpointComeExactlyTheUnitsAfterIt() {
        CollarRange whole = CollarRange.split(1).get(0);
        List<Unit> all = allOf(whole, null);
        for (int at : new int[] {0, 4, 5, all.size() - 2, all.size() - 1}) {
            assertEquals(all.subList(at + 1, all.size()), allOf(whole, Position.of(all.get(at))), "after unit " + at);
        }
    }

    @Test
    void rangesSplitTheHashesWithoutGapOrOverlap() {
        for (int parts : new int[] {1, 2, 3, 4, 7}) {
            List<CollarRange> ranges = CollarRange.split(parts);
            assertEquals(0, ranges.get(0).from());
            assertEquals(CollarRange.HASHES, ranges.get(parts - 1).to());
            for (int i = 1; i < parts; i++) {
                assertEquals(ranges.get(i - 1).to(), ranges.get(i).from());
            }
        }
    }

    /** The range's units as a run takes them: pages of two collars, each after the last unit taken. */
    private static List<Unit> allOf(CollarRange range, Position after) {
        List<Unit> units = new ArrayList<>();
        Position last = after;
        for (List<Unit> page = reanalysis.units(range, FROM, TO, last, 2); !page.isEmpty();
             page = reanalysis.units(range, FROM, TO, last, 2)) {
            units.addAll(page);
            last = Position.of(page.get(page.size() - 1));
        }
        return units;
    }

    private static UUID owner() {
        return UUID.nameUUIDFromBytes("owner".getBytes());
    }

    private static UUID pet(Statement sql, String name, String zone) throws SQLException {
        UUID pet = UUID.nameUUIDFromBytes(name.getBytes());
        sql.execute("INSERT INTO pet (id, owner_id, name, species, time_zone) VALUES ('" + pet + "', '" + owner()
                + "', '" + name + "', 'dog', '" + zone + "')");
        return pet;
    }

    private static void pairing(Statement sql, String collar, UUID pet, String from, String until)
            throws SQLException {
        sql.execute("INSERT INTO collar (id, pet_id, paired_at) VALUES ('" + collar + "', '" + pet + "', '" + from
                + "') ON CONFLICT (id) DO UPDATE SET pet_id = excluded.pet_id, paired_at = excluded.paired_at");
        String end = until == null ? "NULL" : "'" + until + "'";
        sql.execute("INSERT INTO collar_pairing (collar_id, pet_id, paired_at, unpaired_at, readings_from,"
                + " readings_until) VALUES ('" + collar + "', '" + pet + "', '" + from + "', " + end + ", '" + from
                + "', " + end + ")");
    }
}
