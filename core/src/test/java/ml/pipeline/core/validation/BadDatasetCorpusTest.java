package ml.pipeline.core.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.stream.Stream;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.PipelineSpecParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files a new user sends by mistake: each is refused with the code of what is wrong (and its
 * column where there is one), never an exception, and with every text short enough for an event.
 */
class BadDatasetCorpusTest {
    private static final DatasetContract CONTRACT = new PipelineSpecParser().parse("""
            pipeline: corpus
            dataset:
              label: y
              id: id
              time: at
              minRows: 10
              columns:
                - {name: id, type: string, nullable: false}
                - {name: at, type: timestamp}
                - {name: x, type: numeric, min: 0, max: 100}
                - {name: plan, type: categorical, categories: [basic, pro]}
                - {name: y, type: numeric, nullable: false}
            model: {type: logistic}
            """).dataset();
    private static final String HEADER = "id,at,x,plan,y\n";
    private static final String MEGABYTE = "9".repeat(1 << 20);

    /** {@code rows} good rows, alternating labels; {@code bad} replaces the row at {@code at} (1-based), if any. */
    private static String rows(int rows, int at, String bad) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append(i == at ? bad : "r" + i + ",2026-01-0" + (1 + i % 9) + "T00:00:00Z," + (i % 50) + "," + (i % 2 == 0 ? "basic" : "pro")
                    + "," + (i % 2)).append('\n');
        }
        return csv.toString();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("an empty file", "", ContractViolation.MALFORMED_CSV, null),
                Arguments.of("only blank lines", "\n\n\n", ContractViolation.MALFORMED_CSV, null),
                Arguments.of("a header and no rows", HEADER, ContractViolation.TOO_FEW_ROWS, null),
                Arguments.of("too few rows", rows(3, 0, null), ContractViolation.TOO_FEW_ROWS, null),
                Arguments.of("the label entirely empty", rows(20, 0, null).replaceAll(",(0|1)\n", ",\n"),
                        ContractViolation.LABEL_MISSING, "y"),
                Arguments.of("no label column", rows(20, 0, null).replace(",y\n", ",z\n"), ContractViolation.MISSING_COLUMN, "y"),
                Arguments.of("a declared column missing", rows(20, 0, null).replace("plan", "tier"), ContractViolation.MISSING_COLUMN,
                        "plan"),
                Arguments.of("text in a numeric column", rows(20, 4, "r4,2026-01-01T00:00:00Z,abc,pro,1"),
                        ContractViolation.NOT_NUMERIC, "x"),
                Arguments.of("NaN as a label (NaN is read as missing, as pandas reads it)",
                        rows(20, 4, "r4,2026-01-01T00:00:00Z,1,pro,NaN"), ContractViolation.LABEL_MISSING, "y"),
                Arguments.of("Infinity in a numeric column", rows(20, 4, "r4,2026-01-01T00:00:00Z,Infinity,pro,1"),
                        ContractViolation.NOT_NUMERIC, "x"),
                Arguments.of("a megabyte in a numeric cell", rows(20, 4, "r4,2026-01-01T00:00:00Z,x" + MEGABYTE + ",pro,1"),
                        ContractViolation.NOT_NUMERIC, "x"),
                Arguments.of("a megabyte in a categorical cell", rows(20, 4, "r4,2026-01-01T00:00:00Z,1,p" + MEGABYTE + ",1"),
                        ContractViolation.UNKNOWN_CATEGORY, "plan"),
                Arguments.of("a value below the minimum", rows(20, 4, "r4,2026-01-01T00:00:00Z,-1,pro,1"), ContractViolation.BELOW_MIN,
                        "x"),
                Arguments.of("a value above the maximum", rows(20, 4, "r4,2026-01-01T00:00:00Z,1e308,pro,1"),
                        ContractViolation.ABOVE_MAX, "x"),
                Arguments.of("an unknown category", rows(20, 4, "r4,2026-01-01T00:00:00Z,1,gold,1"), ContractViolation.UNKNOWN_CATEGORY,
                        "plan"),
                Arguments.of("an empty id", rows(20, 4, ",2026-01-01T00:00:00Z,1,pro,1"), ContractViolation.NULLS_NOT_ALLOWED, "id"),
                Arguments.of("a timestamp that is not one", rows(20, 4, "r4,yesterday,1,pro,1"), ContractViolation.BAD_TIMESTAMP, "at"),
                Arguments.of("a label of one class", rows(20, 0, null).replaceAll(",1\n", ",0\n"), ContractViolation.LABEL_ONE_CLASS, "y"),
                Arguments.of("a label of three classes", rows(20, 4, "r4,2026-01-01T00:00:00Z,1,pro,2"),
                        ContractViolation.LABEL_NOT_BINARY, "y"),
                Arguments.of("a row with a field too many", rows(20, 4, "r4,2026-01-01T00:00:00Z,1,pro,1,extra"),
                        ContractViolation.MALFORMED_CSV, null),
                Arguments.of("a row with a field too few", rows(20, 4, "r4,1,pro,1"), ContractViolation.MALFORMED_CSV, null),
                Arguments.of("an unterminated quote", rows(20, 4, "r4,2026-01-01T00:00:00Z,\"1,pro,1"), ContractViolation.MALFORMED_CSV,
                        null),
                Arguments.of("a column named twice", "id,at,x,x,plan,y\n" + "r1,2026-01-01T00:00:00Z,1,1,pro,1\n",
                        ContractViolation.MALFORMED_CSV, null),
                Arguments.of("binary bytes", "\u0000\u0001\u0002\u0003\u00ff\n\u0000\u0000\n", ContractViolation.MISSING_COLUMN, null),
                Arguments.of("semicolons, not commas", rows(20, 0, null).replace(',', ';'), ContractViolation.MISSING_COLUMN, null),
                Arguments.of("every row broken", rows(400, 0, null).replaceAll(",(\\d+),(basic|pro),", ",oops,gold,"),
                        ContractViolation.NOT_NUMERIC, "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedNamingWhatIsWrong(String name, String csv, String code, String column) throws Exception {
        ValidationResult result = DatasetValidator.validate(new StringReader(csv), CONTRACT);
        assertFalse(result.passed(), name + " passed");
        assertTrue(result.violations().stream().anyMatch(v -> v.code().equals(code) && (column == null || column.equals(v.column()))),
                name + ": expected " + code + (column == null ? "" : " on " + column) + ", got " + result.violations());
        int text = 0;
        for (ContractViolation v : result.violations()) {
            text += length(v.message()) + length(v.observed()) + length(v.expected()) + length(v.column());
        }
        for (String warning : result.warnings()) {
            text += warning.length();
        }
        assertTrue(text < 64 * 1024, name + ": " + text + " characters of reasons and warnings");
        assertTrue(result.violations().size() <= ValidationResult.MAX_REPORTED, name);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
