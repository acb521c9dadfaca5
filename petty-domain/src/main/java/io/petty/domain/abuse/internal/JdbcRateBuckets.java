package io.petty.domain.abuse.internal;

import io.petty.domain.abuse.RateBuckets;
import io.petty.domain.abuse.RateLimiter;
import io.petty.domain.platform.DatabaseException;
import io.petty.domain.platform.SqlUpdates;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;

/** One statement a take: the refill arithmetic runs in the database under the bucket's row lock (V15). */
@Dependent
public class JdbcRateBuckets implements RateBuckets {

    private final DataSource dataSource;

    @Inject
    public JdbcRateBuckets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Grant take(String key, RateLimiter.Limit limit, int wanted, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement take = connection.prepareStatement(
                     "SELECT granted, tokens_left FROM take_rate_tokens(?, ?, ?, ?, ?)")) {
            take.setString(1, key);
            take.setDouble(2, limit.burst());
            take.setDouble(3, limit.perSecond());
            take.setInt(4, wanted);
            take.setTimestamp(5, Timestamp.from(at));
            try (ResultSet row = take.executeQuery()) {
                row.next();
                return new Grant(row.getInt(1), row.getDouble(2));
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not take from a rate bucket", e);
        }
    }

    @Override
    public int forgetFull(Instant now) {
        return SqlUpdates.run(dataSource, "could not forget full rate buckets",
                "DELETE FROM rate_bucket WHERE full_at <= ?", now.atOffset(ZoneOffset.UTC));
    }
}
