package ml.pipeline.core.validation;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;

/** How a CSV cell is read: what counts as missing, as a number, as a time. One rule for every stage. */
public final class CellValues {
    private static final String[] MISSING_WORDS = {"na", "n/a", "null", "nan", "none"};

    private CellValues() {
    }

    /** Empty, or NA / N/A / null / NaN / None in any case (surrounding blanks ignored). Allocates nothing: it runs for every cell. */
    public static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        int start = 0;
        int end = cell.length();
        while (start < end && cell.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && cell.charAt(end - 1) <= ' ') {
            end--;
        }
        int length = end - start;
        if (length == 0) {
            return true;
        }
        if (length > 4) {
            return false;
        }
        for (String word : MISSING_WORDS) {
            if (word.length() == length && cell.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** A finite number, or empty when the cell is not one (Java's syntax for a double, read without allocating). */
    public static OptionalDouble number(String cell) {
        try {
            double value = JavaDoubleParser.parseDouble(cell.trim());
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** An ISO-8601 date, date-time or instant, or the same with a space for the T (a date or local time is read as UTC), or null. */
    public static Instant timestamp(String cell) {
        String text = cell.trim();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            // "2026-01-31 12:00:00", as SQL and many exports write it: the ISO form with a space for the T.
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    /** The text a categorical value is compared by. */
    public static String category(String cell) {
        return cell.trim();
    }
}
