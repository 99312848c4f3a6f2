package ml.pipeline.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.PipelineSpecParser;
import org.junit.jupiter.api.Test;

class DatasetValidatorTest {
    private static final DatasetContract PARSED = new PipelineSpecParser().parse("""
            pipeline: t
            dataset:
              label: y
              id: id
              columns:
                - {name: id, type: string, nullable: false}
                - {name: x, type: numeric, nullable: false, min: 0, max: 10}
                - {name: plan, type: categorical, categories: [basic, pro]}
                - {name: signup, type: timestamp}
                - {name: y, type: numeric}
            model: {type: logistic}
            """).dataset();
    /** The same contract with a minimum a few-row test can meet (specs ask for at least 10). */
    private static final DatasetContract CONTRACT = new DatasetContract(PARSED.format(), PARSED.label(), PARSED.id(),
            PARSED.time(), 4, PARSED.columns());

    @Test
    void aGoodDatasetPassesWithItsProfile() throws IOException {
        ValidationResult result = validate("""
                id,x,plan,signup,y,extra
                a,1,basic,2026-01-01,0,z
                b,2,pro,2026-01-02T10:00:00Z,1,z
                c,3,,2026-01-03T10:00:00,0,z
                d,4,basic,2026-01-04 08:30:00,1,z
                """);
        assertTrue(result.passed(), () -> "violations: " + result.violations());
        ColumnProfile signup = result.profile().columns().get("signup");
        assertEquals("2026-01-01T00:00:00Z", signup.earliest());
        assertEquals("2026-01-04T08:30:00Z", signup.latest(), "a space for the T, as SQL exports write it");
        assertEquals(4, result.profile().rows());
        ColumnProfile x = result.profile().columns().get("x");
        assertEquals(4, x.count());
        assertEquals(1.0, x.min());
        assertEquals(4.0, x.max());
        assertEquals(2.5, x.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), x.std(), 1e-12);
        // KLL's quantiles are values of the column (here exact): the median of 1..4 is read as 2.
        assertEquals(2.0, x.quantiles().get("p50"), 1e-12);
        assertEquals(4.0, x.quantiles().get("p99"), 1e-12);
        ColumnProfile plan = result.profile().columns().get("plan");
        assertEquals(1, plan.nulls());
        assertEquals(new ColumnProfile.CategoryCount("basic", 2), plan.top().get(0));
        assertEquals(List.of("column 'extra' is not in the contract: it is ignored", "column 'plan' is 25% empty"),
                result.warnings());
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        ValidationResult result = validate("""
                id,x,plan,signup,y
                a,oops,basic,2026-01-01,0
                ,11,gold,yesterday,0
                c,-1,pro,2026-01-03,
                """);
        assertFalse(result.passed());
        assertEquals(List.of("TOO_FEW_ROWS:null", "NULLS_NOT_ALLOWED:id", "NOT_NUMERIC:x", "BELOW_MIN:x", "ABOVE_MAX:x",
                        "UNKNOWN_CATEGORY:plan", "BAD_TIMESTAMP:signup", "LABEL_MISSING:y", "LABEL_ONE_CLASS:y"),
                codes(result), () -> result.violations().toString());
        ContractViolation notNumeric = result.violations().stream().filter(v -> v.code().equals("NOT_NUMERIC")).findFirst().orElseThrow();
        assertTrue(notNumeric.message().contains("'oops' on line 2"), notNumeric.message());
    }

    @Test
    void aMissingColumnAndANonBinaryLabelAreNamed() throws IOException {
        ValidationResult result = validate("""
                id,x,signup,y
                a,1,2026-01-01,0
                b,2,2026-01-01,1
                c,3,2026-01-01,2
                d,4,2026-01-01,1
                """);
        assertEquals(List.of("MISSING_COLUMN:plan", "LABEL_NOT_BINARY:y"), codes(result));
    }

    @Test
    void brokenCsvIsAViolationWithItsLine() throws IOException {
        ValidationResult result = validate("id,x,plan,signup,y\na,1,basic,2026-01-01,0\nb,2\n");
        assertTrue(codes(result).contains("MALFORMED_CSV:null"), codes(result).toString());
        assertTrue(result.violations().get(0).message().contains("line 3"), result.violations().toString());
        assertFalse(validate("").passed());
    }

    @Test
    void quantilesStayCloseBeyondTheSampleSize() {
        NumericSummary summary = new NumericSummary();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            summary.add(i);
        }
        assertEquals(n / 2.0, summary.quantiles().get("p50"), n * 0.02);
        assertEquals(0.0, summary.min());
        assertEquals(n - 1.0, summary.max());
    }

    private static ValidationResult validate(String csv) throws IOException {
        return DatasetValidator.validate(new StringReader(csv), CONTRACT);
    }

    private static List<String> codes(ValidationResult result) {
        return result.violations().stream().map(v -> v.code() + ":" + v.column()).collect(Collectors.toList());
    }
}
