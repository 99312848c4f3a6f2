package ml.pipeline.ingest.storage;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * A JDBC source's query, snapshotted as CSV: a header of the column labels, then every row as the
 * query returns it (null as an empty field), streamed to a file with a read-only connection. The
 * same rows in the same order are the same bytes, so an unchanged table hashes the same; that is
 * why a source's query should ORDER BY. Values are the driver's text for them (getString).
 */
public final class JdbcSnapshot {
    private JdbcSnapshot() {
    }

    /** Thrown when the snapshot outgrows {@code maxBytes}; nothing is published. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(long maxBytes) {
            super("the query's result is larger than the spec's limits.maxDatasetBytes (" + maxBytes
                    + " bytes); select fewer rows or raise the limit");
        }
    }

    /** Writes the query's rows to {@code file}; returns how many. Throws SQLException for the database's faults. */
    public static long write(String url, String user, String password, String query, Duration timeout, long maxBytes, Path file)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        DriverManager.setLoginTimeout(seconds);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery(query);
                     BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                     CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    String[] fields = new String[meta.getColumnCount()];
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = meta.getColumnLabel(i + 1);
                    }
                    long bytes = write(csv, fields, maxBytes, 0);
                    long count = 0;
                    while (rows.next()) {
                        for (int i = 0; i < fields.length; i++) {
                            String value = rows.getString(i + 1);
                            fields[i] = value == null ? "" : value;
                        }
                        bytes = write(csv, fields, maxBytes, bytes);
                        count++;
                    }
                    return count;
                } finally {
                    connection.rollback();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query's snapshot to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes one record; the running size counts characters and separators, close enough to bytes for a limit. */
    private static long write(CsvWriter csv, String[] fields, long maxBytes, long bytes) {
        long size = bytes + fields.length;
        for (String field : fields) {
            size += field.length();
        }
        if (size > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        csv.writeRecord(fields);
        return size;
    }
}
