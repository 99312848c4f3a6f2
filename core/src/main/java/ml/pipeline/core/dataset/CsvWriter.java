package ml.pipeline.core.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes RFC 4180 CSV that {@link CsvReader} reads back to the same fields. */
public final class CsvWriter implements AutoCloseable {
    private final BufferedWriter out;

    public CsvWriter(Writer out) {
        this.out = new BufferedWriter(out, 1 << 16);
    }

    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quoted(fields.get(i)));
        }
        out.write('\n');
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
