package io.petty.cli;

import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

import javax.sql.DataSource;

/**
 * Where the database is, read from the same variables as the server. The password is only ever taken
 * from the environment: an argument would be visible to every user of the machine.
 */
public class DatabaseOptions {

    @Option(names = "--db-url", defaultValue = "${env:PETTY_DB_URL:-jdbc:postgresql://localhost:15432/petty}",
            description = "JDBC URL of the Petty database (env PETTY_DB_URL; default: the run command's embedded "
                    + "database, ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:PETTY_DB_USER:-postgres}",
            description = "Database user (env PETTY_DB_USER; default ${DEFAULT-VALUE}).")
    String user;

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        String password = System.getenv("PETTY_DB_PASSWORD");
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setConnectTimeout(5);
        return dataSource;
    }
}
