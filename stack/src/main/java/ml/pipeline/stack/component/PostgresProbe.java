package ml.pipeline.stack.component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Health of a PostgreSQL server: can we log in and run a query? */
final class PostgresProbe {
    private PostgresProbe() {
    }

    /** Empty when healthy, else why not (the driver's message: refused login, unknown database...). */
    static Optional<String> problem(String jdbcUrl, String user, String password) {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }
}
