package io.petty.domain.collars.internal;

import io.petty.domain.collars.CollarRepository;
import io.petty.domain.collars.Pairing;
import io.petty.domain.collars.PairingWindow;
import io.petty.domain.collars.UnknownCollarException;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlArrays;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code collar} row holds the current pairing and credential; {@code collar_pairing} the history of which
 * pet wore the collar for which readings. Each change is one statement, so the two never disagree.
 */
@Dependent
public class JdbcCollarRepository implements CollarRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String CURRENT = """
            SELECT c.pet_id, c.paired_at, p.readings_from
            FROM collar c JOIN collar_pairing p ON p.collar_id = c.id AND p.unpaired_at IS NULL
            WHERE c.id = ? AND c.pet_id IS NOT NULL
            """;

    /**
     * A new pairing's readings start after everything the collar has stamped so far, even ahead of the clock, and
     * after the previous pairing's window: what the previous pet's collar sent can never become the new pet's.
     * Pairing the same pet again keeps its pairing as it is. Only a collar whose claim code matches is paired; the
     * row lock makes a concurrent pairing of the collar with another pet find it taken.
     */
    private static final String PAIR = """
            WITH owned AS (
                SELECT id FROM pet WHERE id = ? AND owner_id = ?
            ), claimed AS (
                SELECT id FROM collar WHERE id = ? AND claim_code_hash = ?
            ), paired AS (
                UPDATE collar c SET pet_id = owned.id,
                                    paired_at = CASE WHEN c.pet_id = owned.id THEN c.paired_at ELSE now() END
                FROM owned, claimed
                WHERE c.id = claimed.id AND (c.pet_id IS NULL OR c.pet_id = owned.id)
                RETURNING c.id, c.pet_id, c.paired_at
            ), opened AS (
                INSERT INTO collar_pairing (collar_id, pet_id, paired_at, readings_from)
                SELECT id, pet_id, paired_at, greatest(paired_at, next_reading_time(id)) FROM paired
                ON CONFLICT (collar_id) WHERE unpaired_at IS NULL DO NOTHING
                RETURNING readings_from
            )
            SELECT (SELECT count(*) FROM owned) AS owned, (SELECT count(*) FROM claimed) AS claimed,
                   paired.pet_id, paired.paired_at,
                   coalesce((SELECT readings_from FROM opened),
                            (SELECT readings_from FROM collar_pairing WHERE collar_id = paired.id AND unpaired_at IS NULL))
                       AS readings_from
            FROM (SELECT 1) AS one LEFT JOIN paired ON true
            """;

    private static final String PROVISION = """
            INSERT INTO collar (id, secret_hash, claim_code_hash)
            SELECT id, decode(secret_hash, 'hex'), decode(claim_code_hash, 'hex')
            FROM unnest(?::text[], ?::text[], ?::text[]) AS made (id, secret_hash, claim_code_hash)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """;

    /** Unpairing closes the window after everything stamped so far; the schema forgets the credential. */
    private static final String UNPAIR = """
            WITH unpaired AS (
                UPDATE collar SET pet_id = NULL
                WHERE id = ? AND pet_id IN (SELECT id FROM pet WHERE owner_id = ?)
                RETURNING id
            ), closed AS (
                UPDATE collar_pairing SET unpaired_at = now(),
                                          readings_until = greatest(readings_from, now(), next_reading_time(collar_id))
                WHERE collar_id IN (SELECT id FROM unpaired) AND unpaired_at IS NULL
            )
            SELECT count(*) FROM unpaired
            """;

    private static final String WINDOWS = """
            SELECT pet_id, readings_from, readings_until FROM collar_pairing
            WHERE collar_id = ? AND readings_from < ? AND (readings_until IS NULL OR readings_until > ?)
            ORDER BY readings_from
            """;

    private final DataSource dataSource;

    @Inject
    public JdbcCollarRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Pairing> current(String collarId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(CURRENT)) {
            query.setString(1, collarId);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Pairing(collarId, row.getObject(1, UUID.class), instant(row, 2), instant(row, 3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not look up a collar", e);
        }
    }

    @Override
    public Set<String> provision(List<NewCollar> collars) {
        HexFormat hex = HexFormat.of();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(PROVISION)) {
            insert.setArray(1, SqlArrays.texts(connection, collars.stream().map(NewCollar::serial).toList()));
            insert.setArray(2, SqlArrays.texts(connection,
                    collars.stream().map(collar -> hex.formatHex(collar.secretHash())).toList()));
            insert.setArray(3, SqlArrays.texts(connection,
                    collars.stream().map(collar -> hex.formatHex(collar.claimCodeHash())).toList()));
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        } catch (SQLException e) {
            throw new DatabaseException("could not store new collars", e);
        }
    }

    @Override
    public Optional<Pairing> pair(String collarId, byte[] claimCodeHash, UUID petId, UUID ownerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement pair = connection.prepareStatement(PAIR)) {
            pair.setObject(1, petId);
            pair.setObject(2, ownerId);
            pair.setString(3, collarId);
            pair.setBytes(4, claimCodeHash);
            try (ResultSet row = pair.executeQuery()) {
                row.next();
                if (row.getInt("owned") == 0) {
                    throw new PetNotFoundException();
                }
                if (row.getInt("claimed") == 0) {
                    throw UnknownCollarException.notClaimable(collarId);
                }
                if (row.getObject("pet_id") == null) {
                    return Optional.empty();
                }
                return Optional.of(new Pairing(collarId, petId, instant(row, 4), instant(row, 5)));
            }
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                // The pet was deleted while it was being paired.
                throw new PetNotFoundException();
            }
            throw new DatabaseException("could not pair a collar", e);
        }
    }

    @Override
    public boolean unpair(String collarId, UUID ownerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement unpair = connection.prepareStatement(UNPAIR)) {
            unpair.setString(1, collarId);
            unpair.setObject(2, ownerId);
            try (ResultSet count = unpair.executeQuery()) {
                count.next();
                return count.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not unpair a collar", e);
        }
    }

    @Override
    public Optional<String> wornBy(UUID petId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id FROM collar WHERE pet_id = ? ORDER BY paired_at DESC LIMIT 1")) {
            query.setObject(1, petId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not look up a pet's collar", e);
        }
    }

    @Override
    public List<PairingWindow> windows(String collarId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(WINDOWS)) {
            query.setString(1, collarId);
            query.setObject(2, to.atOffset(ZoneOffset.UTC));
            query.setObject(3, from.atOffset(ZoneOffset.UTC));
            List<PairingWindow> windows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime until = row.getObject(3, OffsetDateTime.class);
                    windows.add(new PairingWindow(collarId, row.getObject(1, UUID.class), instant(row, 2),
                            until == null ? null : until.toInstant()));
                }
            }
            return windows;
        } catch (SQLException e) {
            throw new DatabaseException("could not read a collar's pairings", e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
