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
import java.util.Set;

/** How a CSV cell is read: what counts as missing, as a number, as a time. One rule for every stage. */
public final class CellValues {
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "nan", "none");

    private CellValues() {
    }

    /** Empty, or NA / N/A / null / NaN / None in any case. */
    public static boolean isMissing(String cell) {
        return cell == null || MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
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

    /** An ISO-8601 date, date-time or instant (a date or local time is read as UTC), or null. */
    public static Instant timestamp(String cell) {
        String text = cell.trim();
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
