package io.petty.domain.pets.internal;

import io.petty.domain.pets.Pet;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Dependent
public class JdbcPetRepository implements PetRepository {

    private static final String COLUMNS = "id, owner_id, name, species, breed, birth_date, weight_kg, "
            + "body_condition_score, home_lat, home_lon, home_radius_m, time_zone";

    private final DataSource dataSource;

    @Inject
    public JdbcPetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(Pet pet) {
        execute("INSERT INTO pet (name, species, breed, birth_date, weight_kg, body_condition_score, home_lat, "
                + "home_lon, home_radius_m, time_zone, id, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pet);
    }

    @Override
    public void update(Pet pet) {
        execute("UPDATE pet SET name = ?, species = ?, breed = ?, birth_date = ?, weight_kg = ?, "
                + "body_condition_score = ?, home_lat = ?, home_lon = ?, home_radius_m = ?, time_zone = ? "
                + "WHERE id = ? AND owner_id = ?",
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM pet WHERE id = ? AND owner_id = ?")) {
            delete.setObject(1, id);
            delete.setObject(2, ownerId);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseException("could not delete a pet", e);
        }
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
            statement.setString(10, pet.timeZone().getId());
            statement.setObject(11, pet.id());
            statement.setObject(12, pet.ownerId());
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
                row.getBigDecimal("weight_kg"), bodyConditionScore, home, ZoneId.of(row.getString("time_zone")));
    }
}
