package ml.pipeline.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import org.junit.jupiter.api.Test;

class DatasetChecksTest {
    private static final Instant PUBLISHED = Instant.parse("2026-03-01T00:00:00Z");

    private static PipelineSpec spec(String extra) {
        return new PipelineSpecParser().parse("""
                pipeline: q
                dataset:
                  label: y
                  time: day
                  minRows: 10
                  columns: [{name: day, type: timestamp}, {name: x, type: numeric}, {name: plan, type: categorical},
                            {name: y, type: numeric}]
                model: {type: logistic}
                """ + extra);
    }

    private static String rows(String header, String day, String extraCell) {
        StringBuilder csv = new StringBuilder(header + "\n");
        for (int i = 0; i < 30; i++) {
            String time = day != null ? day : String.format("2026-01-%02d", 1 + i % 28);
            csv.append(time).append(',').append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2)
                    .append(extraCell == null ? "" : "," + extraCell).append('\n');
        }
        return csv.toString();
    }

    private static DatasetChecks check(PipelineSpec spec, String csv, DatasetProfile production) throws IOException {
        ValidationResult result = DatasetValidator.validate(new StringReader(csv), spec.dataset(), spec.leakage());
        return DatasetChecks.of(result, spec, PUBLISHED, production);
    }

    @Test
    void anAddedColumnIsNamedAndWarnsByDefaultOrRejectsWhenTheSpecSaysSo() throws IOException {
        String csv = rows("day,x,plan,y,coupon", null, "10");
        DatasetChecks warn = check(spec(""), csv, null);
        assertEquals(List.of(new SchemaChange("coupon", SchemaChange.ADDED, SchemaChange.CONTRACT, null, null)), warn.schemaChanges());
        assertFalse(warn.rejects());

        DatasetChecks reject = check(spec("schema: {addedColumns: reject}\n"), csv, null);
        assertEquals(ContractViolation.ADDED_COLUMN, reject.rejections().getFirst().code());
        assertEquals("coupon", reject.rejections().getFirst().column());
    }

    @Test
    void aRetypedContractColumnIsNamedAsRetyped() throws IOException {
        String csv = rows("day,x,plan,y", null, null).replaceAll("(?m)^(2026-01-\\d\\d),\\d+,", "$1,many,");
        DatasetChecks checks = check(spec(""), csv, null);
        assertTrue(checks.schemaChanges().contains(new SchemaChange("x", SchemaChange.RETYPED, SchemaChange.CONTRACT, "numeric", "text")),
                checks.schemaChanges().toString());
    }

    @Test
    void changesAgainstTheProductionModelsDatasetAreListed() throws IOException {
        PipelineSpec spec = spec("");
        ValidationResult before = DatasetValidator.validate(new StringReader(rows("day,x,plan,y,legacy", null, "1")), spec.dataset());
        ColumnProfile plan = before.profile().columns().get("plan");
        java.util.Map<String, ColumnProfile> columns = new java.util.LinkedHashMap<>(before.profile().columns());
        columns.put("plan", new ColumnProfile("numeric", plan.count(), plan.nulls(), null, null, null, null, null, null, null,
                null, null, null, null, null));
        DatasetProfile production = new DatasetProfile(30, before.profile().fileColumns(), columns, 0L, true, null);

        DatasetChecks checks = check(spec, rows("day,x,plan,y,coupon", null, "5"), production);
        assertTrue(checks.schemaChanges().contains(new SchemaChange("legacy", SchemaChange.REMOVED, SchemaChange.PRODUCTION, "undeclared", null)),
                checks.schemaChanges().toString());
        assertTrue(checks.schemaChanges().contains(new SchemaChange("coupon", SchemaChange.ADDED, SchemaChange.PRODUCTION, null, "undeclared")));
        assertTrue(checks.schemaChanges().contains(new SchemaChange("plan", SchemaChange.RETYPED, SchemaChange.PRODUCTION, "numeric", "categorical")));
    }

    @Test
    void freshnessIsTheNewestTimesAgeAtPublishTimeAndMaxAgeRefusesStaleData() throws IOException {
        String csv = rows("day,x,plan,y", null, null);
        DatasetChecks fresh = check(spec("quality: {maxAge: 60d}\n"), csv, null);
        assertFalse(fresh.rejects());
        // The newest day is 2026-01-28: 32 days before 2026-03-01.
        assertEquals(32 * 86_400.0, fresh.quality().get(QualitySummary.NEWEST_AGE_SECONDS));

        DatasetChecks stale = check(spec("quality: {maxAge: P30D}\n"), csv, null);
        ContractViolation why = stale.rejections().getFirst();
        assertEquals(ContractViolation.STALE_DATA, why.code());
        assertEquals("day", why.column());
        assertTrue(why.message().contains("2026-01-28T00:00:00Z") && why.message().contains("32 day(s)")
                && why.message().contains("P30D"), why.message());
    }

    @Test
    void aTimeSplitOverASingleTimeIsRefused() throws IOException {
        DatasetChecks checks = check(spec("features: {split: {by: time}}\n"), rows("day,x,plan,y", "2026-01-05", null), null);
        assertEquals(ContractViolation.TIME_SPLIT_UNUSABLE, checks.rejections().getFirst().code());
        assertEquals("day", checks.rejections().getFirst().column());
    }
}
