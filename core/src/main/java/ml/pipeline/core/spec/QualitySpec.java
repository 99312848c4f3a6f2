package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fresh the data must be: {@code maxAge} is the oldest the newest timestamp of the time
 * column may be when the dataset is published, as an ISO-8601 duration (P30D, PT12H) or a number
 * of days, hours or minutes (30d, 12h, 90m). Unset: any age.
 */
public record QualitySpec(String maxAge) {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhm])");

    public static QualitySpec defaults() {
        return new QualitySpec(null);
    }

    /** The parsed maxAge; empty when unset. Throws IllegalArgumentException naming the text when it is not a duration. */
    @JsonIgnore
    public Optional<Duration> maxAgeDuration() {
        if (maxAge == null) {
            return Optional.empty();
        }
        String text = maxAge.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + maxAge + "' is not a duration (e.g. P30D, PT12H, 30d, 12h)");
        }
    }
}
