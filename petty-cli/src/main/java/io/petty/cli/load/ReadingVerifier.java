package io.petty.cli.load;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Map;

/** Checks in the database that every reading the server acknowledged is stored: one range query per collar. */
public final class ReadingVerifier {

    private static final String STORED = "SELECT ts FROM reading WHERE collar_id = ? AND ts BETWEEN ? AND ?";

    private final DataSource dataSource;

    public ReadingVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public LoadReport.Verification verify(Acknowledgements acknowledged) {
        long present = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(STORED)) {
            for (Map.Entry<String, Acknowledgements.Collar> collar : acknowledged.byCollar().entrySet()) {
                BitSet expected = collar.getValue().acknowledged();
                if (expected.isEmpty()) {
                    continue;
                }
                query.setString(1, collar.getKey());
                query.setObject(2, at(acknowledged.timestampOf(collar.getValue(), expected.nextSetBit(0))));
                query.setObject(3, at(acknowledged.timestampOf(collar.getValue(), expected.length() - 1)));
                BitSet stored = new BitSet();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        // Only the run's own instants count: the collar's start + whole intervals.
                        long index = acknowledged.indexOf(collar.getValue(),
                                rows.getObject(1, OffsetDateTime.class).toInstant());
                        if (index >= 0) {
                            stored.set((int) index);
                        }
                    }
                }
                stored.and(expected);
                present += stored.cardinality();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot verify the readings: " + e.getMessage(), e);
        }
        return new LoadReport.Verification(acknowledged.count(), present);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
