package ml.pipeline.core.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A dataset read one record at a time, whatever its format (CSV, Parquet): the header, then
 * records of text cells in header order, a missing value as an empty cell. Validation, features
 * and the evaluator read every format through this, so they apply the same rules to each.
 */
public interface DatasetReader extends Closeable {
    List<String> header();

    /** The next record, or null at the end; throws {@link CsvFormatException} naming the line when it is malformed. */
    List<String> next() throws IOException;

    /** Where the record last returned starts, for messages: a line of a CSV file, a row number otherwise (1 is the header). */
    long line();

    /** Refuses a header with an empty or repeated column name; {@code where} names it in the message ("line 1: the header"). */
    static void requireDistinct(List<String> names, String where) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new CsvFormatException(where + " has an empty column name");
            }
            if (!seen.add(name)) {
                throw new CsvFormatException(where + " names column '" + name + "' twice");
            }
        }
    }
}
