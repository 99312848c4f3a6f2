package ml.pipeline.services.storage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.dataset.DatasetReader;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBResultSetMetaData;

/**
 * A Parquet file read as a {@link DatasetReader}, through an in-process DuckDB (no Hadoop). Each value
 * becomes the text the CSV path would see for the same data (nulls empty, 1.0 as "1", dates and
 * timestamps in ISO-8601), so a CSV and its Parquet twin validate, build and profile the same.
 * Streams the rows: DuckDB hands them over a chunk at a time; only flat columns are accepted.
 */
public final class ParquetReader implements DatasetReader {
    private static final int FETCH_ROWS = 2048;

    /** Below this a double's integer digits are exact; beyond it Double.toString is the honest text. */
    private static final double LARGEST_PLAIN_INTEGER = 1e15;

    /** ISO with seconds always ("12:00:00", not LocalDateTime.toString's "12:00"), fractions only when set. */
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ISO_LOCAL_TIME;

    private static final String FLAT_ONLY =
            "only flat columns (numbers, text, booleans, dates, timestamps) can be trained on";

    private static final String SCHEMA_SQL = "SELECT name, num_children FROM parquet_schema(?)";
    private static final String ROWS_SQL = "SELECT * FROM read_parquet(?)";

    /** Reads every value of every row and keeps none: the rows query's errors, without its result. */
    private static final String ROWS_CHECK_SQL =
            "SELECT count(*) FROM read_parquet(?) WHERE hash(COLUMNS(*)) IS NOT NULL";

    /** What DuckDB's JDBC driver (2.0) says instead of the reason when a streamed query fails early. */
    private static final String LOST_REASON = "Invalid result set";

    private final Path file;
    private final Path workFolder;
    private final Connection duckdb;
    private final PreparedStatement query;
    private final ResultSet rows;
    private final List<String> header;
    private final CellText[] cells;
    private long rowsReturned;
    private boolean closed;

    /** Reads {@code file}; DuckDB spills (if ever) into a folder next to it. */
    public ParquetReader(Path file) throws IOException {
        this(file, file.toAbsolutePath().getParent());
    }

    /**
     * Reads {@code file}, DuckDB spilling (if ever) into {@code workFolder}. Throws
     * {@link CsvFormatException} when the file is not readable Parquet, has no columns, repeats or
     * leaves empty a column name, or has a column that is not flat.
     */
    public ParquetReader(Path file, Path workFolder) throws IOException {
        this.file = file.toAbsolutePath();
        this.workFolder = workFolder.toAbsolutePath();
        requireReadableFile(this.file);
        Connection connection = null;
        PreparedStatement statement = null;
        ResultSet result = null;
        String running = SCHEMA_SQL;
        try {
            connection = ParquetFiles.open(this.workFolder, true);
            // The names as the file spells them: read_parquet renames a repeated name (a, a_1).
            List<String> names = columnNames(connection, this.file);
            running = ROWS_CHECK_SQL;
            statement = connection.prepareStatement(ROWS_SQL);
            statement.setString(1, this.file.toString());
            statement.setFetchSize(FETCH_ROWS);
            result = statement.executeQuery();
            this.cells = cellReaders(result.getMetaData(), names);
            this.header = names;
        } catch (SQLException e) {
            closeQuietly(result, statement, connection);
            throw rethrow(withReason(e, running), "");
        } catch (RuntimeException e) {
            closeQuietly(result, statement, connection);
            throw e;
        }
        this.duckdb = connection;
        this.query = statement;
        this.rows = result;
    }

    @Override
    public List<String> header() {
        return header;
    }

    /** The next row as text cells, or null at the end. */
    @Override
    public List<String> next() throws IOException {
        if (closed) {
            throw new IOException("the Parquet reader of " + file.getFileName() + " is closed");
        }
        try {
            if (!rows.next()) {
                return null;
            }
            String[] record = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                record[i] = cells[i].read(rows, i + 1);
            }
            rowsReturned++;
            return Arrays.asList(record);
        } catch (SQLException e) {
            throw rethrow(withReason(e, ROWS_CHECK_SQL), "after row " + rowsReturned + ": ");
        }
    }

    /** 1 + the number of the row last returned, so row 1 is "line 2", as in the CSV of the same table. */
    @Override
    public long line() {
        return 1 + rowsReturned;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // Closed in the reverse order of these lines: the rows, their statement, then DuckDB.
        try (Connection connection = duckdb; PreparedStatement statement = query; ResultSet result = rows) {
            // Nothing to do but close.
        } catch (SQLException e) {
            throw new IOException("could not close DuckDB after reading " + file.getFileName(), e);
        }
    }

    /** A missing file is the caller's fault (an IOException); a file that is not Parquet is the user's. */
    private static void requireReadableFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no Parquet file there");
        }
        // read_parquet takes its argument as a glob: a name with glob characters could match other files.
        String name = String.valueOf(file.getFileName());
        if (name.chars().anyMatch(c -> "*?[]{}".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a Parquet file to read must not have *?[]{} in its name: " + name);
        }
        if (!ParquetFiles.isParquet(file)) {
            throw new CsvFormatException("the file is not a readable Parquet file: it does not start with the"
                    + " Parquet marker PAR1 (is it a CSV file?)");
        }
    }

    /**
     * The top-level column names from the file's schema, trimmed as CsvReader trims a header, and
     * checked the same way: at least one, none empty, none twice. parquet_schema lists the schema tree
     * depth first, each node with its number of children (null for a leaf).
     */
    private static List<String> columnNames(Connection duckdb, Path file) throws SQLException {
        List<String> nodeNames = new ArrayList<>();
        List<Integer> nodeChildren = new ArrayList<>();
        try (PreparedStatement schema = duckdb.prepareStatement(SCHEMA_SQL)) {
            schema.setString(1, file.toString());
            try (ResultSet nodes = schema.executeQuery()) {
                while (nodes.next()) {
                    nodeNames.add(nodes.getString(1));
                    long children = nodes.getLong(2);
                    nodeChildren.add(nodes.wasNull() ? 0 : (int) children);
                }
            }
        }
        if (nodeNames.isEmpty() || nodeChildren.getFirst() == 0) {
            throw new CsvFormatException("the Parquet file has no columns: at least one column is required");
        }
        List<String> names = new ArrayList<>();
        int node = 1;
        for (int column = 0; column < nodeChildren.getFirst(); column++) {
            names.add(nodeNames.get(node) == null ? "" : nodeNames.get(node).trim());
            node = afterSubtree(nodeChildren, node);
        }
        DatasetReader.requireDistinct(names, "the Parquet file");
        return List.copyOf(names);
    }

    /** The index of the node that follows {@code node} and all its descendants. */
    private static int afterSubtree(List<Integer> children, int node) {
        int next = node + 1;
        for (int child = 0; child < children.get(node); child++) {
            next = afterSubtree(children, next);
        }
        return next;
    }

    /** One text conversion per column, chosen once from its type; a column that is not flat is refused here. */
    private static CellText[] cellReaders(ResultSetMetaData columns, List<String> names) throws SQLException {
        if (columns.getColumnCount() != names.size()) {
            throw new CsvFormatException("the file is not a readable Parquet file: its schema lists " + names.size()
                    + " columns, but DuckDB reads " + columns.getColumnCount());
        }
        CellText[] readers = new CellText[names.size()];
        for (int i = 0; i < readers.length; i++) {
            String typeName = columns.getColumnTypeName(i + 1);
            readers[i] = cellReader(DuckDBResultSetMetaData.TypeNameToType(typeName), typeName, names.get(i));
        }
        return readers;
    }

    private static CellText cellReader(DuckDBColumnType type, String typeName, String column) {
        return switch (type) {
            case BOOLEAN -> (rows, i) -> {
                boolean value = rows.getBoolean(i);
                return rows.wasNull() ? "" : Boolean.toString(value);
            };
            case TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER -> (rows, i) -> {
                long value = rows.getLong(i);
                return rows.wasNull() ? "" : Long.toString(value);
            };
            // Beyond a long: DuckDB hands these over as BigInteger.
            case UBIGINT, HUGEINT, UHUGEINT -> (rows, i) -> {
                Object value = rows.getObject(i);
                return value == null ? "" : value.toString();
            };
            case FLOAT -> (rows, i) -> {
                float value = rows.getFloat(i);
                return rows.wasNull() ? "" : floatText(value);
            };
            case DOUBLE -> (rows, i) -> {
                double value = rows.getDouble(i);
                return rows.wasNull() ? "" : doubleText(value);
            };
            case DECIMAL -> (rows, i) -> {
                BigDecimal value = rows.getBigDecimal(i);
                return value == null ? "" : value.toPlainString();
            };
            // A UUID is an identifier: its text is what a CSV would hold.
            case VARCHAR, UUID, JSON -> (rows, i) -> {
                String value = rows.getString(i);
                return value == null ? "" : value;
            };
            // DuckDB's own text is ISO yyyy-MM-dd; its LocalDate goes through java.sql.Date (slower,
            // and wrong in the ten days the Julian calendar skipped in 1582).
            case DATE -> (rows, i) -> {
                String value = rows.getString(i);
                return value == null ? "" : value;
            };
            // Not getString: DuckDB's text of a TIMESTAMP shifts in the JVM zone's DST gaps; its LocalDateTime does not.
            case TIMESTAMP, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> (rows, i) -> {
                LocalDateTime value = rows.getObject(i, LocalDateTime.class);
                return value == null ? "" : LOCAL_DATE_TIME.format(value);
            };
            // Read as an instant in UTC, the way CellValues reads an offset date-time.
            case TIMESTAMP_WITH_TIME_ZONE -> (rows, i) -> {
                OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
                return value == null ? "" : value.toInstant().toString();
            };
            case TIME, TIME_NS -> (rows, i) -> {
                LocalTime value = rows.getObject(i, LocalTime.class);
                return value == null ? "" : LOCAL_TIME.format(value);
            };
            default -> throw new CsvFormatException("column '" + column + "' is " + article(kind(type, typeName))
                    + ": " + FLAT_ONLY);
        };
    }

    /**
     * As CSV holds a number: an integral double in plain digits (a 0/1 label stored as 1.0 reads "1"),
     * others in Java's syntax, NaN and Infinity as their names (so CellValues reads NaN as missing and
     * Infinity as not a number, as it does in a CSV).
     */
    static String doubleText(double value) {
        if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** As {@link #doubleText}, but a float's shortest text (0.1f reads "0.1", not 0.10000000149011612). */
    static String floatText(float value) {
        if (Float.isFinite(value) && value == Math.rint(value) && Math.abs(value) < LARGEST_PLAIN_INTEGER) {
            return Long.toString((long) value);
        }
        return Float.toString(value);
    }

    /** The type's name for a user: the family of a nested type (LIST, STRUCT), else DuckDB's name. */
    private static String kind(DuckDBColumnType type, String typeName) {
        return switch (type) {
            case LIST, ARRAY, STRUCT, MAP, UNION -> type.name();
            default -> typeName.replaceFirst("\\(.*", "").trim();
        };
    }

    private static String article(String kind) {
        return ("AEIOU".indexOf(kind.isEmpty() ? 'X' : kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /**
     * Throws DuckDB's "no" about the file as a user-facing {@link CsvFormatException}; running out of
     * memory is the service's fault, not the file's, so it stays an IOException. Never returns: the
     * return type lets a caller write {@code throw rethrow(...)}.
     */
    private IOException rethrow(SQLException e, String where) throws IOException {
        String reason = ParquetFiles.reason(e, file);
        if (String.valueOf(e.getMessage()).startsWith("Out of Memory Error")) {
            throw new IOException("DuckDB ran out of memory reading " + file.getFileName() + ": " + reason, e);
        }
        throw new CsvFormatException(where + "the file is not a readable Parquet file: " + reason);
    }

    /**
     * DuckDB's JDBC driver (2.0) loses the reason of an error met before a streamed result's first
     * rows, saying "Invalid result set" instead: ask again on a connection that does not stream.
     */
    private SQLException withReason(SQLException e, String sql) {
        if (!String.valueOf(e.getMessage()).contains(LOST_REASON)) {
            return e;
        }
        try (Connection plain = ParquetFiles.open(workFolder, false);
                PreparedStatement again = plain.prepareStatement(sql)) {
            again.setString(1, file.toString());
            try (ResultSet result = again.executeQuery()) {
                while (result.next()) {
                    // Drained only for the error it may raise.
                }
            }
            return e;
        } catch (SQLException explained) {
            return explained;
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // Already failing: the first fault is the one worth reporting.
                }
            }
        }
    }

    /** Reads one cell of the current row as text; an empty string for SQL NULL. */
    @FunctionalInterface
    private interface CellText {
        String read(ResultSet rows, int column) throws SQLException;
    }
}
