package io.petty.domain.pets;

import io.petty.domain.platform.DatabaseException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A demo owner, dog and collar {@value #COLLAR_ID} for trying Petty out locally with curl. Installed
 * only when {@code petty.demo-data} is on (the README's run command turns it on); idempotent.
 */
@Dependent
public class DemoData {

    public static final String COLLAR_ID = "SN-12345";

    private static final String INSTALL = """
            INSERT INTO account (id, role) VALUES ('00000000-0000-4000-8000-000000000001', 'owner')
                ON CONFLICT DO NOTHING;
            INSERT INTO pet (id, owner_id, name, species, breed, weight_kg)
                VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001',
                        'Rex', 'dog', 'Labrador Retriever', 31.5)
                ON CONFLICT DO NOTHING;
            INSERT INTO collar (id, pet_id, paired_at)
                VALUES ('%s', '00000000-0000-4000-8000-000000000002', now())
                ON CONFLICT DO NOTHING;
            """.formatted(COLLAR_ID);

    private final DataSource dataSource;

    @Inject
    public DemoData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void install() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(INSTALL);
        } catch (SQLException e) {
            throw new DatabaseException("could not install the demo data", e);
        }
    }
}
