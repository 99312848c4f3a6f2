package ml.pipeline.services.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.dataset.DatasetReader;
import ml.pipeline.core.validation.CellValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParquetReaderTest {
    @TempDir
    Path folder;

    @Test
    void aCsvAndItsParquetTwinReadTheSame() throws IOException {
        Path csv = write("churn.csv", """
                id,score,label,plan,visits,signed_up,last_seen,paid_at,active
                1,0.5,0,basic,3,2026-01-31,2026-01-31T12:00:00,2026-01-31T12:00:00Z,true
                2,3.0,1, pro ,,2026-02-01,2026-02-01T00:00:00,2026-02-01T08:30:00Z,false
                3,-1.25,1,basic,7,2026-02-02,2026-02-02T09:15:30.5,,true
                4,,0,,,,,,
                """);
        Path parquet = folder.resolve("churn.parquet");
        ParquetFiles.fromCsv(csv, parquet);

        List<List<String>> fromCsv;
        List<List<String>> fromParquet;
        try (CsvReader csvReader = new CsvReader(Files.newBufferedReader(csv));
                ParquetReader parquetReader = new ParquetReader(parquet, folder)) {
            assertEquals(csvReader.header(), parquetReader.header());
            fromCsv = readAll(csvReader);
            fromParquet = readAll(parquetReader);
        }

        // What validation and profiles see: every cell read the same way.
        assertEquals(fromCsv.stream().map(ParquetReaderTest::readings).toList(),
                fromParquet.stream().map(ParquetReaderTest::readings).toList());
        // The text itself is the CSV's, but for a double written with a needless ".0".
        assertEquals(List.of("0.5", "3", "-1.25", ""), column(fromParquet, 1));
        for (int column = 0; column < fromCsv.getFirst().size(); column++) {
            if (column != 1) {
                assertEquals(column(fromCsv, column), column(fromParquet, column), "column " + column);
            }
        }
    }

    @Test
    void everyFlatTypeReadsAsTheTextACsvWouldHold() throws IOException {
        Path parquet = parquet("types", """
                SELECT 42::TINYINT AS tiny, 18446744073709551615::UBIGINT AS huge, 1.0::DOUBLE AS one,
                       'NaN'::DOUBLE AS nan, 'Infinity'::DOUBLE AS inf, 1e20::DOUBLE AS big, 0.1::FLOAT AS tenth,
                       12.50::DECIMAL(10, 2) AS price, true AS yes, DATE '2026-01-31' AS day,
                       TIMESTAMP '2026-01-31 12:00:00' AS at, TIMESTAMP_MS '2026-01-31 12:00:00.25' AS at_ms,
                       TIMESTAMPTZ '2026-01-31 12:00:00+02:00' AS at_zone, NULL::INTEGER AS no_int,
                       NULL::VARCHAR AS no_text, ' spaced ' AS text, TIME '08:30:00' AS opens,
                       DATE '1582-10-10' AS cutover
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("tiny", "42");
        expected.put("huge", "18446744073709551615");
        expected.put("one", "1");
        expected.put("nan", "NaN");
        expected.put("inf", "Infinity");
        expected.put("big", "1.0E20");
        expected.put("tenth", "0.1");
        expected.put("price", "12.50");
        expected.put("yes", "true");
        expected.put("day", "2026-01-31");
        expected.put("at", "2026-01-31T12:00:00");
        expected.put("at_ms", "2026-01-31T12:00:00.25");
        expected.put("at_zone", "2026-01-31T10:00:00Z");
        expected.put("no_int", "");
        expected.put("no_text", "");
        expected.put("text", " spaced ");
        expected.put("opens", "08:30:00");
        expected.put("cutover", "1582-10-10");
        try (ParquetReader reader = new ParquetReader(parquet, folder)) {
            assertEquals(List.copyOf(expected.keySet()), reader.header());
            assertEquals(List.copyOf(expected.values()), reader.next());
            assertEquals(2, reader.line());
            assertNull(reader.next());
        }
        assertTrue(CellValues.isMissing("NaN"), "NaN from Parquet is missing, as in a CSV");
        assertTrue(CellValues.number("Infinity").isEmpty(), "Infinity from Parquet is not a number, as in a CSV");
    }

    @Test
    void aTimestampIsTheFilesWhateverTheJvmsTimeZone() throws IOException {
        // 02:30 on 29 March 2026 does not exist in Berlin (clocks jump to 03:00): the file's time must stay.
        Path parquet = parquet("gap", "SELECT TIMESTAMP '2026-03-29 02:30:00' AS at, DATE '2026-03-29' AS day");
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (ParquetReader reader = new ParquetReader(parquet, folder)) {
            assertEquals(List.of("2026-03-29T02:30:00", "2026-03-29"), reader.next());
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "[1, 2]           | LIST",
        "{'a': 1}         | STRUCT",
        "MAP {'a': 1}     | MAP",
        "'ab'::BLOB       | BLOB",
        "INTERVAL 1 DAY   | INTERVAL"})
    void refusesAColumnThatIsNotFlatNamingItAndItsType(String value, String kind) throws IOException {
        Path parquet = parquet("nested", "SELECT 1 AS id, " + value + " AS xs");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new ParquetReader(parquet, folder));
        assertTrue(e.getMessage().startsWith("column 'xs' is a" + ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "n " : " ")
                + kind + ": only flat columns"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotParquet() throws IOException {
        Path notParquet = write("data.parquet", "id,label\n1,0\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new ParquetReader(notParquet, folder));
        assertTrue(e.getMessage().startsWith("the file is not a readable Parquet file: "), e.getMessage());
    }

    @Test
    void refusesACorruptFileWithDuckDbsReasonOnOneLine() throws IOException {
        Path whole = parquet("whole", "SELECT range AS id FROM range(1000)");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = folder.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new ParquetReader(truncated, folder));
        assertTrue(e.getMessage().startsWith("the file is not a readable Parquet file: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains(folder.toString()), "no local path in a user's message: " + e.getMessage());
        assertTrue(e.getMessage().contains("truncated.parquet"), e.getMessage());
    }

    @Test
    void refusesRowsItCannotDecompressWithDuckDbsReason() throws IOException {
        // Past the header, into the first data page: the error comes before any row is streamed.
        Path parquet = parquet("rows", "SELECT range AS id, 'v' || range AS name FROM range(100000)");
        byte[] bytes = Files.readAllBytes(parquet);
        Arrays.fill(bytes, 60, 260, (byte) 0xff);
        Files.write(parquet, bytes);

        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new ParquetReader(parquet, folder));
        assertEquals("the file is not a readable Parquet file: Failed to read file \"rows.parquet\": Snappy"
                + " decompression failure", e.getMessage());
    }

    @Test
    void aFileCorruptPastItsFirstRowsFailsOnTheRowItReached() throws IOException {
        Path parquet = parquet("late", "SELECT range AS id, 'v' || range AS name FROM range(1000000)");
        byte[] bytes = Files.readAllBytes(parquet);
        Arrays.fill(bytes, bytes.length * 9 / 10, bytes.length * 9 / 10 + 200, (byte) 0xff);
        Files.write(parquet, bytes);

        try (ParquetReader reader = new ParquetReader(parquet, folder)) {
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> {
                while (reader.next() != null) {
                    // Read up to the damage.
                }
            });
            assertTrue(reader.line() > 1, "some rows came before the damage");
            assertEquals("after row " + (reader.line() - 1) + ": the file is not a readable Parquet file: Failed to"
                    + " read file \"late.parquet\": Snappy decompression failure", e.getMessage());
        }
    }

    @Test
    void refusesAColumnNameTheFileRepeats() throws IOException {
        // DuckDB writes no repeated names, so rename one in the footer (same length, no checksum there).
        Path distinct = parquet("distinct", "SELECT 1 AS colx1, 2 AS colx2");
        String bytes = Files.readString(distinct, StandardCharsets.ISO_8859_1).replace("colx2", "colx1");
        Path repeated = folder.resolve("repeated.parquet");
        Files.writeString(repeated, bytes, StandardCharsets.ISO_8859_1);

        CsvFormatException e = assertThrows(CsvFormatException.class, () -> new ParquetReader(repeated, folder));
        assertEquals("the Parquet file names column 'colx1' twice", e.getMessage());
    }

    @Test
    void aFileWithNoRowsHasAHeaderAndNoRecords() throws IOException {
        Path parquet = parquet("empty", "SELECT 1 AS id, 'x' AS plan WHERE false");
        try (ParquetReader reader = new ParquetReader(parquet, folder)) {
            assertEquals(List.of("id", "plan"), reader.header());
            assertNull(reader.next());
            assertEquals(1, reader.line());
        }
    }

    @Test
    void streamsManyRows() throws IOException {
        int rowCount = 200_000;
        Path parquet = parquet("many", "SELECT range AS id, range * 0.5 AS half, 'r' || range AS name FROM range("
                + rowCount + ")");
        try (ParquetReader reader = new ParquetReader(parquet, folder)) {
            long count = 0;
            List<String> last = null;
            for (List<String> record = reader.next(); record != null; record = reader.next()) {
                last = record;
                count++;
            }
            assertEquals(rowCount, count);
            assertEquals(rowCount + 1, reader.line());
            assertEquals(List.of("199999", "99999.5", "r199999"), last);
        }
    }

    @Test
    void recognisesParquetByItsMagicBytes() throws IOException {
        assertTrue(ParquetFiles.isParquet(parquet("magic", "SELECT 1 AS id")));
        assertFalse(ParquetFiles.isParquet(write("magic.csv", "id\n1\n")));
        assertFalse(ParquetFiles.isParquet(new byte[] {'P', 'A', 'R'}));
        assertTrue(ParquetFiles.isParquet("PAR1 and more".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Not a check of speed (nothing asserted on time): prints how long a million rows take, beside CSV. */
    @Test
    void readsAMillionRowsOfTenColumns() throws IOException {
        int rowCount = 1_000_000;
        Path parquet = parquet("million", """
                SELECT range AS id, range % 2 AS label, range * 0.25 AS score, (range % 97) / 7.0 AS ratio,
                       range % 1000 AS visits, 'plan' || (range % 5) AS plan, 'c' || (range % 50) AS city,
                       DATE '2026-01-01' + (range % 365)::INTEGER AS day,
                       TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (range) SECOND AS at,
                       CASE WHEN range % 10 = 0 THEN NULL ELSE range % 3 END AS sometimes
                FROM range(""" + rowCount + ")");
        Path csv = folder.resolve("million.csv");
        duckdb("COPY (SELECT * FROM read_parquet(" + ParquetFiles.literal(parquet.toString()) + ")) TO "
                + ParquetFiles.literal(csv.toString()) + " (FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S')");

        long parquetStart = System.nanoTime();
        long parquetCells = countCells(new ParquetReader(parquet, folder));
        long parquetMillis = (System.nanoTime() - parquetStart) / 1_000_000;
        long csvStart = System.nanoTime();
        long csvCells = countCells(new CsvReader(Files.newBufferedReader(csv)));
        long csvMillis = (System.nanoTime() - csvStart) / 1_000_000;

        assertEquals(10L * rowCount, parquetCells);
        assertEquals(parquetCells, csvCells);
        System.out.printf("ParquetReader: %d rows x 10 columns in %d ms (%d MB file); CsvReader on its CSV twin: %d ms"
                + " (%d MB)%n", rowCount, parquetMillis, Files.size(parquet) >> 20, csvMillis, Files.size(csv) >> 20);
    }

    private static long countCells(DatasetReader reader) throws IOException {
        try (reader) {
            long cells = 0;
            for (List<String> record = reader.next(); record != null; record = reader.next()) {
                cells += record.size();
            }
            return cells;
        }
    }

    /** How a profile reads a cell: missing, a number, a time, or a category. */
    private static List<String> readings(List<String> record) {
        return record.stream().map(cell -> {
            if (CellValues.isMissing(cell)) {
                return "missing";
            }
            if (CellValues.number(cell).isPresent()) {
                return "number " + CellValues.number(cell).getAsDouble();
            }
            if (CellValues.timestamp(cell) != null) {
                return "time " + CellValues.timestamp(cell);
            }
            return "category " + CellValues.category(cell);
        }).toList();
    }

    private static List<String> column(List<List<String>> records, int column) {
        return records.stream().map(record -> record.get(column)).toList();
    }

    private static List<List<String>> readAll(DatasetReader reader) throws IOException {
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            records.add(List.copyOf(record));
        }
        return records;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    /** A Parquet file of the rows a DuckDB query makes. */
    private Path parquet(String name, String select) throws IOException {
        Path file = folder.resolve(name + ".parquet");
        duckdb("COPY (" + select + ") TO " + ParquetFiles.literal(file.toString()) + " (FORMAT parquet)");
        return file;
    }

    private static void duckdb(String sql) throws IOException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IOException(sql, e);
        }
    }
}
