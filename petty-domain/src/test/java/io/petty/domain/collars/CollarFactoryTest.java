package io.petty.domain.collars;

import io.petty.domain.identity.TokenService;
import io.petty.domain.platform.SchemaMigrations;
import io.petty.domain.testing.TestPostgres;
import io.petty.domain.validation.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollarFactoryTest {

    private static DataSource database;
    private static CollarRepository collars;

    @BeforeAll
    static void migrate() {
        database = TestPostgres.freshDatabase();
        new SchemaMigrations(database).migrate();
        collars = CollarRepository.using(database);
    }

    @Test
    void eachMadeCollarHasItsOwnSerialSecretAndClaimCodeAndOnlyTheirHashesAreStored() throws SQLException {
        List<CollarFactory.MadeCollar> made = new CollarFactory(collars).make("FA", 500);

        assertEquals(500, made.size());
        assertEquals(500, new HashSet<>(made.stream().map(CollarFactory.MadeCollar::serial).toList()).size());
        assertEquals(500, new HashSet<>(made.stream().map(CollarFactory.MadeCollar::secret).toList()).size());
        assertEquals(500, new HashSet<>(made.stream().map(CollarFactory.MadeCollar::claimCode).toList()).size());
        CollarFactory.MadeCollar one = made.get(0);
        assertTrue(one.serial().matches("^FA-\\d{6}$"), one.serial());
        assertFalse(one.toString().contains(one.secret()) || one.toString().contains(one.claimCode()));
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT secret_hash, claim_code_hash, pet_id FROM collar WHERE id = ?")) {
            query.setString(1, one.serial());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertArrayEquals(TokenService.hash(one.secret()), row.getBytes(1));
                assertArrayEquals(ClaimCodes.hash(one.claimCode(), "claim_code"), row.getBytes(2));
                assertEquals(null, row.getObject(3), "made, not paired");
            }
        }
    }

    @Test
    void aPrefixIsTwoCapitalLettersAndACountIsOneToAHundredThousand() {
        CollarFactory factory = new CollarFactory(collars);
        for (String prefix : new String[] {null, "F", "fa", "FAB", "F1"}) {
            assertEquals("prefix", assertThrows(InvalidInputException.class, () -> factory.make(prefix, 1))
                    .violations().get(0).field());
        }
        for (int count : new int[] {0, -1, CollarFactory.MAX_COUNT + 1}) {
            assertEquals("count", assertThrows(InvalidInputException.class, () -> factory.make("FA", count))
                    .violations().get(0).field());
        }
    }
}
