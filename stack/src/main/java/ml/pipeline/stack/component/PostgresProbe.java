package ml.pipeline.stack.component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Health of a PostgreSQL server: can we log in and run a query? */
final class PostgresProbe {
    private PostgresProbe() {
    }

    static boolean answers(String jdbcUrl, String user, String password) {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }
}
