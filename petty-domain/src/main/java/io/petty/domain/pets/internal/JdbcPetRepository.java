package io.petty.domain.pets.internal;

import io.petty.domain.pets.Pet;
import io.petty.domain.pets.PetNotFoundException;
import io.petty.domain.pets.PetRepository;
import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Dependent
public class JdbcPetRepository implements PetRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String COLUMNS = "id, owner_id, name, species, breed, birth_date, weight_kg, "
            + "body_condition_score, home_lat, home_lon, home_radius_m";

    private final DataSource dataSource;

    @Inject
    public JdbcPetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(Pet pet) {
        execute("INSERT INTO pet (name, species, breed, birth_date, weight_kg, body_condition_score, home_lat, "
                + "home_lon, home_radius_m, id, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pet);
    }

    @Override
    public void update(Pet pet) {
        execute("UPDATE pet SET name = ?, species = ?, breed = ?, birth_date = ?, weight_kg = ?, "
                + "body_condition_score = ?, home_lat = ?, home_lon = ?, home_radius_m = ? WHERE id = ? AND owner_id = ?",
                pet);
    }

    @Override
    public List<Pet> listByOwner(UUID ownerId) {
        return query("SELECT " + COLUMNS + " FROM pet WHERE owner_id = ? ORDER BY created_at, id", ownerId, null);
    }

    @Override
    public Optional<Pet> find(UUID id, UUID ownerId) {
        return query("SELECT " + COLUMNS + " FROM pet WHERE owner_id = ? AND id = ?", ownerId, id).stream().findFirst();
    }

    @Override
    public boolean delete(UUID id, UUID ownerId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement unpair = connection.prepareStatement(
                    unpairing("pet_id = (SELECT id FROM pet WHERE id = ? AND owner_id = ?)"));
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM pet WHERE id = ? AND owner_id = ?")) {
                unpair.setObject(1, id);
                unpair.setObject(2, ownerId);
                unpair.executeQuery().close();
                delete.setObject(1, id);
                delete.setObject(2, ownerId);
                boolean deleted = delete.executeUpdate() == 1;
                connection.commit();
                return deleted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not delete a pet", e);
        }
    }

    @Override
    public boolean pairCollar(String collarId, UUID petId, byte[] secretHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement pair = connection.prepareStatement("""
                     INSERT INTO collar (id, pet_id, secret_hash, paired_at) VALUES (?, ?, ?, now())
                     ON CONFLICT (id) DO UPDATE SET pet_id = excluded.pet_id, secret_hash = excluded.secret_hash,
                                                    paired_at = excluded.paired_at
                     WHERE collar.pet_id IS NULL OR collar.pet_id = excluded.pet_id""")) {
            pair.setString(1, collarId);
            pair.setObject(2, petId);
            pair.setBytes(3, secretHash);
            return pair.executeUpdate() == 1;
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                // The pet was deleted between the owner check and the pairing.
                throw new PetNotFoundException();
            }
            throw new DatabaseException("could not pair a collar", e);
        }
    }

    @Override
    public boolean unpairCollar(String collarId, UUID ownerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement unpair = connection.prepareStatement(unpairing("id = ? AND pet_id IN "
                     + "(SELECT id FROM pet WHERE owner_id = ?)"))) {
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

    /**
     * Unpairs the collars matching {@code condition}: the device secret is invalidated and the latest reading
     * forgotten, so that whoever pairs the collar next does not see where the previous owner's pet last was.
     * The statement answers how many collars it unpaired.
     */
    private static String unpairing(String condition) {
        return "WITH unpaired AS (UPDATE collar SET pet_id = NULL, secret_hash = NULL WHERE " + condition
                + " RETURNING id), forgotten AS (DELETE FROM latest_reading WHERE collar_id IN (SELECT id FROM unpaired)) "
                + "SELECT count(*) FROM unpaired";
    }

    /** The statements of insert and update take the pet's fields in the same order. */
    private void execute(String sql, Pet pet) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pet.name());
            statement.setString(2, pet.species());
            statement.setString(3, pet.breed());
            statement.setObject(4, pet.birthDate(), Types.DATE);
            statement.setBigDecimal(5, pet.weightKg());
            statement.setObject(6, pet.bodyConditionScore(), Types.SMALLINT);
            statement.setObject(7, pet.home() == null ? null : pet.home().lat(), Types.DOUBLE);
            statement.setObject(8, pet.home() == null ? null : pet.home().lon(), Types.DOUBLE);
            statement.setObject(9, pet.home() == null ? null : pet.home().radiusM(), Types.INTEGER);
            statement.setObject(10, pet.id());
            statement.setObject(11, pet.ownerId());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("could not store a pet", e);
        }
    }

    private List<Pet> query(String sql, UUID ownerId, UUID id) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, ownerId);
            if (id != null) {
                query.setObject(2, id);
            }
            List<Pet> pets = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    pets.add(toPet(row));
                }
            }
            return pets;
        } catch (SQLException e) {
            throw new DatabaseException("could not read pets", e);
        }
    }

    private static Pet toPet(ResultSet row) throws SQLException {
        double lat = row.getDouble("home_lat");
        Pet.Geofence home = row.wasNull() ? null
                : new Pet.Geofence(lat, row.getDouble("home_lon"), row.getInt("home_radius_m"));
        int score = row.getInt("body_condition_score");
        Integer bodyConditionScore = row.wasNull() ? null : score;
        return new Pet(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class), row.getString("name"),
                row.getString("species"), row.getString("breed"), row.getObject("birth_date", LocalDate.class),
                row.getBigDecimal("weight_kg"), bodyConditionScore, home);
    }
}
