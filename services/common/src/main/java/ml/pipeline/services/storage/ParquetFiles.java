package ml.pipeline.services.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Parquet files through an in-process DuckDB (no Hadoop): recognising one by its magic bytes, and
 * writing the Parquet twin of a CSV, for tests and tools. Also the one place a DuckDB connection is
 * opened and tuned, so the reader and the writer share the same limits.
 */
public final class ParquetFiles {
    /** Every Parquet file starts (and ends) with these four bytes. */
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    /** Two cores: one DuckDB thread is slower than pandas; more would starve the service's other work. */
    private static final int THREADS = 2;

    /** DuckDB spills to the temp folder beyond this, rather than growing the JVM process without bound. */
    private static final String MEMORY_LIMIT = "512MB";

    /** The folder DuckDB spills to, made inside the work folder it is given. */
    private static final String TEMP_FOLDER = "duckdb-temp";

    private ParquetFiles() {
    }

    /** Whether the first bytes of a file are Parquet's magic "PAR1". */
    public static boolean isParquet(byte[] head) {
        if (head == null || head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file starts with Parquet's magic "PAR1"; says nothing of whether the rest is readable. */
    public static boolean isParquet(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return isParquet(in.readNBytes(MAGIC.length));
        }
    }

    /**
     * Writes {@code parquet} with the rows of {@code csv} (a header row first), typed by DuckDB's
     * inference: numbers become numeric columns, ISO dates and date-times DATE and TIMESTAMP, the
     * rest VARCHAR; empty cells become nulls.
     */
    public static void fromCsv(Path csv, Path parquet) throws IOException {
        Path workFolder = parquet.toAbsolutePath().getParent();
        try (Connection duckdb = open(workFolder, false);
                PreparedStatement copy = duckdb.prepareStatement(
                        "COPY (SELECT * FROM read_csv(?, header = true)) TO ? (FORMAT parquet)")) {
            copy.setString(1, csv.toAbsolutePath().toString());
            copy.setString(2, parquet.toAbsolutePath().toString());
            copy.execute();
        } catch (SQLException e) {
            throw new IOException("could not write " + parquet.getFileName() + " from " + csv.getFileName() + ": "
                    + reason(e, csv, parquet), e);
        }
    }

    /**
     * A new in-memory DuckDB that keeps to {@link #THREADS} threads and {@link #MEMORY_LIMIT},
     * spilling inside {@code workFolder}. A streaming one hands query results over a chunk at a time
     * instead of materialising them; DuckDB's JDBC driver (2.0) streams unless told not to.
     */
    static Connection open(Path workFolder, boolean streamResults) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", Boolean.toString(streamResults));
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (Statement settings = duckdb.createStatement()) {
            settings.execute("SET threads = " + THREADS);
            settings.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
            // SET takes no parameters: the path goes in as a quoted literal.
            settings.execute("SET temp_directory = " + literal(workFolder.resolve(TEMP_FOLDER).toString()));
            return duckdb;
        } catch (SQLException e) {
            duckdb.close();
            throw e;
        }
    }

    /** A SQL string literal: quotes doubled, so any path is read as one string. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * DuckDB's reason in one line for a user: its error class ("Invalid Input Error: ") and the
     * echoed query ("LINE 1: ...") dropped, local paths replaced by bare file names.
     */
    static String reason(SQLException e, Path... files) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String firstLine = message.lines().findFirst().orElse(message).strip();
        String reason = firstLine.replaceFirst("^[A-Z][A-Za-z ]* Error: ", "");
        for (Path file : files) {
            Path name = file.getFileName();
            if (name != null) {
                reason = reason.replace(file.toAbsolutePath().toString(), name.toString());
            }
        }
        return reason.isEmpty() ? firstLine : reason;
    }
}
