package io.petty.domain.live.internal;

import io.petty.domain.live.LiveEvent;
import io.petty.domain.live.LiveLog;
import io.petty.domain.live.LiveNews;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import io.petty.domain.platform.SqlUpdates;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The live log in plain JDBC: a pass appends all its pets' entries in three statements and one notification per
 * 200 pets, and a stream's reads are one lateral join for any number of pets; JPA would take a round trip per pet.
 */
@Dependent
public class JdbcLiveLog implements LiveLog {

    /** Pets per notification: a payload must stay under PostgreSQL's 8,000 bytes (37 per pet id). */
    static final int PETS_PER_NOTIFICATION = 200;
    /** Numbers each pet's new entries after its last; the row stays locked until the transaction ends. */
    private static final String NUMBER = """
            INSERT INTO live_event_seq AS s (pet_id, last_seq) SELECT * FROM unnest(?::uuid[], ?::bigint[])
            ON CONFLICT (pet_id) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
            RETURNING pet_id, last_seq
            """;
    private static final String INSERT = """
            INSERT INTO live_event (pet_id, seq, name, data)
            SELECT pet_id, seq, name, data::jsonb FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[])
                AS e(pet_id, seq, name, data)
            """;
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";
    private static final String AFTER = """
            SELECT e.pet_id, e.seq, e.name, e.data::text
            FROM unnest(?::uuid[], ?::bigint[]) AS a(pet_id, after)
            CROSS JOIN LATERAL (SELECT * FROM live_event e WHERE e.pet_id = a.pet_id AND e.seq > a.after
                                ORDER BY e.seq LIMIT ?) e
            ORDER BY e.pet_id, e.seq
            """;
    private static final String LAST = "SELECT pet_id, last_seq FROM live_event_seq WHERE pet_id = ANY (?)";
    private static final String OLDEST = "SELECT coalesce(min(seq), 0) FROM live_event WHERE pet_id = ?";
    private static final String FORGET = "DELETE FROM live_event WHERE logged_at < ?";

    private final DataSource dataSource;

    @Inject
    public JdbcLiveLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<LiveNews> news) {
        if (news.isEmpty()) {
            return;
        }
        // In the order of the pets' ids, so that two transactions numbering the same pets lock them alike.
        Map<UUID, List<LiveNews>> byPet = new TreeMap<>();
        news.forEach(entry -> byPet.computeIfAbsent(entry.petId(), pet -> new ArrayList<>()).add(entry));
        try (Connection connection = dataSource.getConnection()) {
            Map<UUID, Long> last = number(connection, byPet);
            List<UUID> pets = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> data = new ArrayList<>();
            byPet.forEach((pet, entries) -> {
                long seq = last.get(pet) - entries.size();
                for (LiveNews entry : entries) {
                    pets.add(pet);
                    seqs.add(++seq);
                    names.add(entry.name());
                    data.add(entry.data());
                }
            });
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setArray(1, SqlArrays.uuids(connection, pets));
                insert.setArray(2, SqlArrays.longs(connection, seqs));
                insert.setArray(3, SqlArrays.texts(connection, names));
                insert.setArray(4, SqlArrays.texts(connection, data));
                insert.executeUpdate();
            }
            notify(connection, List.copyOf(byPet.keySet()));
        } catch (SQLException e) {
            throw new DatabaseException("could not append to the live log", e);
        }
    }

    private static Map<UUID, Long> number(Connection connection, Map<UUID, List<LiveNews>> byPet) throws SQLException {
        Map<UUID, Long> last = new HashMap<>();
        try (PreparedStatement number = connection.prepareStatement(NUMBER)) {
            number.setArray(1, SqlArrays.uuids(connection, byPet.keySet()));
            number.setArray(2, SqlArrays.longs(connection,
                    byPet.values().stream().map(entries -> (long) entries.size()).toList()));
            try (ResultSet row = number.executeQuery()) {
                while (row.next()) {
                    last.put(row.getObject(1, UUID.class), row.getLong(2));
                }
            }
        }
        return last;
    }

    /** Sent when the transaction commits; not at all if it rolls back. */
    private static void notify(Connection connection, List<UUID> pets) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement(NOTIFY)) {
            for (int from = 0; from < pets.size(); from += PETS_PER_NOTIFICATION) {
                List<String> chunk = pets.subList(from, Math.min(pets.size(), from + PETS_PER_NOTIFICATION)).stream()
                        .map(UUID::toString).toList();
                notify.setString(1, String.join(",", chunk));
                notify.execute();
            }
        }
    }

    @Override
    public List<LiveEvent> after(Map<UUID, Long> after, int limit) {
        if (after.isEmpty()) {
            return List.of();
        }
        List<UUID> pets = List.copyOf(after.keySet());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(AFTER)) {
            query.setArray(1, SqlArrays.uuids(connection, pets));
            query.setArray(2, SqlArrays.longs(connection, pets.stream().map(after::get).toList()));
            query.setInt(3, limit);
            List<LiveEvent> events = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(new LiveEvent(row.getObject(1, UUID.class), row.getLong(2), row.getString(3),
                            row.getString(4)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new DatabaseException("could not read the live log", e);
        }
    }

    @Override
    public Map<UUID, Long> last(Collection<UUID> petIds) {
        Map<UUID, Long> last = new HashMap<>();
        petIds.forEach(pet -> last.put(pet, 0L));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LAST)) {
            query.setArray(1, SqlArrays.uuids(connection, petIds));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    last.put(row.getObject(1, UUID.class), row.getLong(2));
                }
            }
            return last;
        } catch (SQLException e) {
            throw new DatabaseException("could not read the live log", e);
        }
    }

    @Override
    public long oldest(UUID petId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(OLDEST)) {
            query.setObject(1, petId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the live log", e);
        }
    }

    @Override
    public int forgetBefore(Instant before) {
        return SqlUpdates.run(dataSource, "could not forget old live events", FORGET, before.atOffset(ZoneOffset.UTC));
    }
}
