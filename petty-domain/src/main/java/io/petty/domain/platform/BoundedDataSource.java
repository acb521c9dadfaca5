package io.petty.domain.platform;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/** The server's data source, whose connections wait no longer than the current request may ({@link DatabaseWaits}). */
final class BoundedDataSource implements DataSource {

    private final DataSource server;

    BoundedDataSource(DataSource server) {
        this.server = server;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DatabaseWaits.apply(server.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return DatabaseWaits.apply(server.getConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return server.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        server.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        server.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return server.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return server.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : server.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || server.isWrapperFor(type);
    }
}
