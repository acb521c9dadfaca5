package io.petty.domain.platform;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

/**
 * Array parameters for the statements that take many rows at once ({@code unnest(?::text[], …)}), typed as the
 * server's connection wrapper needs them: it refuses an {@code Object[]} holding anything but strings and numbers.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    public static Array uuids(Connection connection, Collection<UUID> values) throws SQLException {
        return connection.createArrayOf("uuid", values.toArray(UUID[]::new));
    }

    public static Array longs(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("bigint", values.toArray(Long[]::new));
    }

    /** As {@code timestamptz}, in UTC; a null stays null. */
    public static Array timestamps(Connection connection, Collection<Instant> instants) throws SQLException {
        return connection.createArrayOf("timestamptz", instants.stream()
                .map(instant -> instant == null ? null : instant.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
    }
}
