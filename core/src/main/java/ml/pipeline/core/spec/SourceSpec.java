package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where new data comes from by itself: ingest polls it on {@code schedule} and publishes what is
 * new, as if someone had run {@code publish}. One of two kinds:
 * <pre>
 * source:
 *   schedule: "0/30 * * * * ?"          # cron with seconds (Quartz: sec min hour day month weekday)
 *   s3Prefix: s3://incoming/churn/      # every new object under it, once (by content hash)
 * source:
 *   schedule: "0 0 * * * ?"
 *   jdbc:
 *     url: jdbc:postgresql://db:5432/shop
 *     query: SELECT * FROM customers ORDER BY id
 *     credentials: SHOP_DB              # ingest's settings pipeline.source.SHOP_DB.user / .password
 *                                       # (environment: PIPELINE_SOURCE_SHOP_DB_USER / _PASSWORD)
 * </pre>
 * The spec names the credentials, never holds them: a spec is snapshotted into the object store
 * and shown by the API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceSpec(String schedule, String s3Prefix, Jdbc jdbc) {
    /** A credentials name: letters, digits and '_', so that it maps onto one environment variable. */
    public static final Pattern CREDENTIALS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Ingest's settings a credentials name points at ({@code <prefix><NAME>.user}, {@code .password}). */
    public static final String CREDENTIALS_SETTING = "pipeline.source.";
    public static final String CREDENTIALS_VARIABLE = "PIPELINE_SOURCE_";

    /** The two kinds of source. */
    public enum Kind {
        S3_PREFIX("s3Prefix"), JDBC("jdbc");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** Which kind this is (the parser makes sure there is exactly one). */
    @JsonIgnore
    public Kind kind() {
        return jdbc != null ? Kind.JDBC : Kind.S3_PREFIX;
    }

    /**
     * A query whose rows are snapshotted as CSV (a header of the column labels, then the rows in the
     * order the query returns them: give it an ORDER BY, or the same table may read as other bytes).
     */
    public record Jdbc(String url, String query, String credentials) {
        /** The setting that holds the user of {@code credentials}. */
        public static String userSetting(String credentials) {
            return CREDENTIALS_SETTING + credentials + ".user";
        }

        public static String passwordSetting(String credentials) {
            return CREDENTIALS_SETTING + credentials + ".password";
        }

        /** The environment variable that sets the user ({@code PIPELINE_SOURCE_<NAME>_USER}). */
        public static String userVariable(String credentials) {
            return CREDENTIALS_VARIABLE + credentials.toUpperCase(Locale.ROOT) + "_USER";
        }

        public static String passwordVariable(String credentials) {
            return CREDENTIALS_VARIABLE + credentials.toUpperCase(Locale.ROOT) + "_PASSWORD";
        }
    }
}
