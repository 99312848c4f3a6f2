package ml.pipeline.core.dataset;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, double-quoted fields may hold commas, quotes
 * ("") and line breaks; LF or CRLF ends a record. Holds one record in memory at a time.
 */
public final class CsvReader implements Closeable {
    private final BufferedReader in;
    private final List<String> header;
    private long line = 1;

    /** Reads the header row; throws {@link CsvFormatException} when there is none. */
    public CsvReader(Reader reader) throws IOException {
        this.in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 1 << 16);
        List<String> first = readRecord();
        if (first == null || first.stream().allMatch(String::isBlank)) {
            throw new CsvFormatException("the file is empty: a CSV header row naming the columns is required");
        }
        if (!first.isEmpty() && first.get(0).startsWith("\uFEFF")) {
            first.set(0, first.get(0).substring(1));
        }
        this.header = List.copyOf(first.stream().map(String::trim).toList());
        requireDistinct(header);
    }

    public List<String> header() {
        return header;
    }

    /** The line the next record starts on (1 is the header). */
    public long line() {
        return line;
    }

    /**
     * The next record, or null at the end. Blank lines are skipped; a record with another
     * number of fields than the header is refused with its line number.
     */
    public List<String> next() throws IOException {
        while (true) {
            long start = line;
            List<String> record = readRecord();
            if (record == null) {
                return null;
            }
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new CsvFormatException("line " + start + ": " + record.size() + " fields, but the header has "
                        + header.size());
            }
            return record;
        }
    }

    private List<String> readRecord() throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        long start = line;
        while (true) {
            if (c == -1) {
                if (quoted) {
                    throw new CsvFormatException("line " + start + ": a quoted field is never closed");
                }
                fields.add(field.toString());
                return fields;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    int peek = in.read();
                    if (peek == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = peek;
                        continue;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else if (ch == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                throw new CsvFormatException("line " + line + ": unexpected '" + ch + "' after a closing quote");
            } else {
                field.append(ch);
            }
            c = in.read();
        }
    }

    private static void requireDistinct(List<String> header) {
        List<String> seen = new ArrayList<>();
        for (String name : header) {
            if (name.isEmpty()) {
                throw new CsvFormatException("line 1: the header has an empty column name");
            }
            if (seen.contains(name)) {
                throw new CsvFormatException("line 1: the header names column '" + name + "' twice");
            }
            seen.add(name);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
