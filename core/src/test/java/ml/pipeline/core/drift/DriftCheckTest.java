package ml.pipeline.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.DriftSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.validation.ColumnProfile;
import ml.pipeline.core.validation.DatasetProfile;
import ml.pipeline.core.validation.DatasetValidator;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
    private static final DatasetContract CONTRACT = new PipelineSpecParser().parse("""
            pipeline: drift
            dataset:
              label: y
              id: id
              columns:
                - {name: id, type: string}
                - {name: x, type: numeric}
                - {name: region, type: categorical}
                - {name: y, type: numeric}
            model: {type: logistic}
            """).dataset();

    /** {@code rows} rows: x ~ N(shift, 1), region among north/south (and east with share {@code east}), y positive with {@code positives}. */
    private static DatasetProfile profile(int rows, long seed, double shift, double east, double positives) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("id,x,region,y\n");
        for (int i = 0; i < rows; i++) {
            double x = shift + gaussian(random);
            String region = random.nextDouble() < east ? "east" : random.nextBoolean() ? "north" : "south";
            csv.append(seed).append('-').append(i).append(',').append(x).append(',').append(region).append(',')
                    .append(random.nextDouble() < positives ? 1 : 0).append('\n');
        }
        return DatasetValidator.validate(new StringReader(csv.toString()), CONTRACT).profile();
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static DriftCheck.Baseline baseline() throws IOException {
        return new DriftCheck.Baseline("a".repeat(64), 3, profile(5000, 1, 0, 0, 0.3));
    }

    @Test
    void theSameDistributionScoresLowOnEveryColumnAndEveryColumnIsReported() throws IOException {
        DriftReport report = DriftCheck.compare(baseline(), profile(5000, 2, 0, 0, 0.3), CONTRACT, DriftSpec.defaults());
        assertEquals(List.of("x", "region", "y"), report.columns().stream().map(ColumnDrift::column).toList(),
                "the id column is not compared");
        ColumnDrift x = report.columns().get(0);
        assertTrue(x.psi() < 0.05 && x.ks() < 0.05, x.toString());
        assertEquals(0.0, report.columns().get(1).unseenShare());
        assertTrue(report.columns().get(2).priorShift() < 0.03, report.columns().get(2).toString());
        assertFalse(report.rejects());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
        assertEquals(3, report.baselineModelVersion());
    }

    @Test
    void aShiftedColumnANewCategoryAndAPriorShiftAreScoredAndJudgedByTheSpec() throws IOException {
        DriftSpec spec = new DriftSpec(new DriftSpec.Limits(0.1, 0.25), new DriftSpec.Limits(null, 0.3), null,
                new DriftSpec.Limits(0.05, 0.2),
                Map.of("region", new DriftSpec.ColumnLimits(new DriftSpec.Limits(null, 5.0), null, new DriftSpec.Limits(null, 0.5))));
        DriftReport report = DriftCheck.compare(baseline(), profile(5000, 2, 1.0, 0.3, 0.45), CONTRACT, spec);
        ColumnDrift x = report.columns().get(0);
        assertTrue(x.psi() > 0.25 && x.ks() > 0.3, x.toString());
        assertEquals(ColumnDrift.REJECT, x.verdict());
        ColumnDrift region = report.columns().get(1);
        assertEquals(0.3, region.unseenShare(), 0.03);
        assertEquals(ColumnDrift.WARN, region.verdict(), "its own psi level is 5 and unseen reject 0.5; the default unseen warn is 0.05");
        ColumnDrift y = report.columns().get(2);
        assertEquals(0.15, y.priorShift(), 0.03);
        assertEquals(ColumnDrift.WARN, y.verdict());
        assertEquals(List.of("x:psi", "x:ks"), report.rejections().stream().map(f -> f.column() + ":" + f.score()).toList());
        DriftReport.Finding psi = report.rejections().get(0);
        assertEquals(0.25, psi.level());
        assertTrue(psi.message().startsWith("column 'x': psi ") && psi.message().contains("reject level 0.25")
                && psi.message().contains("production version 3") && psi.message().contains("aaaaaaaaaaaa"), psi.message());
    }

    @Test
    void psiIsZeroForEqualSharesAndFiniteForAnEmptyBin() {
        assertEquals(0.0, DriftCheck.psi(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 1e-12);
        double empty = DriftCheck.psi(new double[] {0.5, 0.5}, new double[] {1.0, 0.0});
        assertTrue(empty > 1 && Double.isFinite(empty), String.valueOf(empty));
    }

    @Test
    void aBaselineProfileWithoutSummariesIsNamedNotSilentlyEmpty() throws IOException {
        DatasetProfile current = profile(200, 2, 0, 0, 0.3);
        Map<String, ColumnProfile> old = new LinkedHashMap<>();
        current.columns().forEach((name, c) -> old.put(name, new ColumnProfile(c.type(), c.count(), c.nulls(), c.min(), c.max(),
                c.mean(), c.std(), c.quantiles(), c.distinct(), c.top(), null, null, null, null, null)));
        DriftReport report = DriftCheck.compare(new DriftCheck.Baseline("b".repeat(64), 1, new DatasetProfile(200, List.copyOf(old.keySet()), old, null, null, null)), current,
                CONTRACT, DriftSpec.defaults());
        assertTrue(report.columns().isEmpty());
        assertTrue(report.note().contains("written before drift was computed"), report.note());
    }

    @Test
    void theCdfIsReadOffTheQuantileGrid() {
        double[] grid = {0, 10, 20};
        assertEquals(0.0, DriftCheck.cdf(grid, -1));
        assertEquals(0.25, DriftCheck.cdf(grid, 5), 1e-12);
        assertEquals(0.5, DriftCheck.cdf(grid, 10), 1e-12);
        assertEquals(1.0, DriftCheck.cdf(grid, 20));
        assertEquals(1.0, DriftCheck.cdf(new double[] {3, 3, 3}, 3), "a constant column");
    }

    @Test
    void withoutABaselineTheReportSaysWhy() {
        DriftReport none = DriftReport.without("no model of churn is in production: nothing to compare with");
        assertFalse(none.rejects());
        assertTrue(none.columns().isEmpty());
        assertTrue(none.note().contains("nothing to compare with"));
    }
}
