package ml.pipeline.stack.provision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import ml.pipeline.stack.StackConfig;

/** Creates the pipeline's database in the embedded PostgreSQL; an external one must already have it. */
public final class DatabaseProvisioner {
    private final StackConfig config;
    private final String adminJdbcUrl;

    public DatabaseProvisioner(StackConfig config, String adminJdbcUrl) {
        this.config = config;
        this.adminJdbcUrl = adminJdbcUrl;
    }

    /** True if it created the database now. */
    public boolean ensureDatabase() {
        String database = config.postgres().database();
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("stack.postgres.database must be a plain lower-case name, got '" + database + "'");
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, config.postgres().user(), config.postgres().password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return false;
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database '" + database + "' at " + adminJdbcUrl + ": "
                    + e.getMessage(), e);
        }
    }
}
