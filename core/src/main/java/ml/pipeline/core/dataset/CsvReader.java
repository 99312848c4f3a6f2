package ml.pipeline.core.dataset;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming RFC 4180 reader on FastCSV: comma-separated, double-quoted fields may hold commas,
 * quotes ("") and line breaks; LF, CR or CRLF ends a record; blank lines are skipped and a BOM is
 * dropped. Holds one record in memory at a time.
 */
public final class CsvReader implements DatasetReader {
    /** A field this long is refused rather than buffered: no cell of a training set needs more. */
    private static final int MAX_FIELD_CHARS = 16 * 1024 * 1024;

    private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d+)");

    private final de.siegmar.fastcsv.reader.CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private long line = 1;

    /** Reads the header row; throws {@link CsvFormatException} when there is none. */
    public CsvReader(Reader reader) throws IOException {
        this.csv = de.siegmar.fastcsv.reader.CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraCharsAfterClosingQuote(false)
                .allowUnclosedQuote(false)
                // Field counts are checked here, to name the line in our own words.
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .maxBufferSize(MAX_FIELD_CHARS)
                .ofCsvRecord(reader);
        this.records = csv.iterator();
        CsvRecord first = read();
        if (first == null || first.getFields().stream().allMatch(String::isBlank)) {
            throw new CsvFormatException("the file is empty: a CSV header row naming the columns is required");
        }
        List<String> names = first.getFields().stream().map(String::trim).toList();
        if (!names.isEmpty() && names.getFirst().startsWith("\uFEFF")) {
            names = java.util.stream.Stream.concat(java.util.stream.Stream.of(names.getFirst().substring(1).trim()),
                    names.stream().skip(1)).toList();
        }
        this.header = List.copyOf(names);
        DatasetReader.requireDistinct(header, "line 1: the header");
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public long line() {
        return line;
    }

    /** The next record, or null at the end; a record with another number of fields than the header is refused with its line. */
    @Override
    public List<String> next() throws IOException {
        CsvRecord record = read();
        if (record == null) {
            return null;
        }
        long start = record.getStartingLineNumber();
        if (record.getFieldCount() != header.size()) {
            throw new CsvFormatException("line " + start + ": " + record.getFieldCount() + " fields, but the header has "
                    + header.size());
        }
        line = start;
        return record.getFields();
    }

    private CsvRecord read() throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            throw new CsvFormatException(describe(e));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** FastCSV names the record's first line in its message and the problem in its cause: say both in our words. */
    private static String describe(CsvParseException e) {
        Matcher line = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
        String where = line.find() ? "line " + line.group(1) + ": " : "";
        String problem = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        if (problem != null && problem.startsWith("Unclosed quoted field")) {
            problem = "a quoted field is never closed";
        } else if (problem != null) {
            problem = problem.replaceAll(" \\(record starting at line \\d+\\)", "");
        }
        return where + problem;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
