package ml.pipeline.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {
    private static final String SPEC = """
            pipeline: f
            dataset:
              label: churned
              id: id
              columns:
                - {name: id, type: string}
                - {name: tenure, type: numeric}
                - {name: plan, type: categorical}
                - {name: churned, type: categorical}
            features:
              split: {train: 0.6, validation: 0.2, holdout: 0.2, seed: 3}
              impute: mean
            model: {type: logistic}
            """;

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,tenure,plan,churned\n");
        for (int i = 0; i < rows; i++) {
            String tenure = i % 7 == 0 ? "" : String.valueOf(i % 13);
            String plan = i % 3 == 0 ? "basic" : i % 3 == 1 ? "pro" : "plus";
            csv.append("c").append(i).append(',').append(tenure).append(',').append(plan).append(',')
                    .append(i % 4 == 0 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    private record Row(Split split, float[] features, float label) {
    }

    /** Every row the builder handed out, in order, and the transform it fitted. */
    private record Built(List<Row> rows, FeatureTransform transform) {
    }

    private static Built build(PipelineSpec spec, String csv) throws IOException {
        List<Row> rows = new ArrayList<>();
        FeatureBuilder.Result result = new FeatureBuilder(spec).build(FeatureBuilder.DatasetSource.csv(() -> new StringReader(csv)),
                (split, raw, features, label) -> rows.add(new Row(split, features, label)));
        return new Built(rows, result.transform());
    }

    @Test
    void transformJsonAppliedToARawRowGivesExactlyTheTrainingVector() throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse(SPEC);
        String csv = csv(200);
        Built fitted = build(spec, csv);
        List<Row> built = fitted.rows();

        ObjectMapper json = new ObjectMapper();
        FeatureTransform reloaded = json.readValue(json.writeValueAsString(fitted.transform()), FeatureTransform.class);
        assertEquals(fitted.transform(), reloaded);

        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            List<String> record;
            int i = 0;
            while ((record = reader.next()) != null) {
                Map<String, String> raw = new HashMap<>();
                for (int c = 0; c < reader.header().size(); c++) {
                    raw.put(reader.header().get(c), record.get(c));
                }
                assertArrayEquals(built.get(i).features(), reloaded.apply(raw), "row " + i);
                assertEquals(built.get(i).label(), reloaded.label().apply(raw.get("churned")));
                i++;
            }
            assertEquals(200, i);
        }
    }

    @Test
    void theSameBytesGiveTheSameSplitsTransformAndVectors() throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse(SPEC);
        Built first = build(spec, csv(300));
        Built second = build(spec, csv(300));
        assertEquals(first.transform(), second.transform());
        List<Row> a = first.rows();
        List<Row> b = second.rows();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).split(), b.get(i).split());
            assertArrayEquals(a.get(i).features(), b.get(i).features());
        }
        long train = a.stream().filter(r -> r.split() == Split.TRAIN).count();
        assertTrue(train > 150 && train < 210, "about 60% train, got " + train);
    }

    @Test
    void fittedOnTrainingRowsWithOneHotAndAnUnknownSlot() throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse(SPEC);
        FeatureTransform transform = build(spec, csv(120)).transform();
        // Categories go most frequent in the training rows first; the unknown slot is last.
        assertEquals(java.util.Set.of("tenure", "plan=basic", "plan=plus", "plan=pro", "plan=<unknown>"),
                java.util.Set.copyOf(transform.featureNames()));
        assertEquals("plan=<unknown>", transform.featureNames().getLast());
        assertEquals(List.of("no", "yes"), transform.label().classes());

        FeatureTransform.Numeric tenure = (FeatureTransform.Numeric) transform.features().get(0);
        assertEquals(tenure.mean(), tenure.impute(), "impute: mean of the training rows");
        float[] unseen = transform.apply(Map.of("tenure", "", "plan", "enterprise"));
        assertEquals(0f, unseen[0], 1e-6, "a missing number becomes the mean, standardised to 0");
        assertArrayEquals(new float[] {0, 0, 0, 1}, Arrays.copyOfRange(unseen, 1, 5), "unseen category");
        float[] basic = transform.apply(Map.of("tenure", "1", "plan", "basic"));
        assertEquals(1f, basic[transform.featureNames().indexOf("plan=basic")], "one-hot at basic's slot");
    }

    /** A day (the time column), a number and a 0/1 label; the split settings are filled in. */
    private static final String DAYS_SPEC = """
            pipeline: t
            dataset:
              label: y
              time: day
              columns: [{name: day, type: timestamp}, {name: x, type: numeric}, {name: y, type: numeric}]
            features: {split: %s}
            model: {type: logistic}
            """;

    @Test
    void aTimeColumnHoldsOutTheLatestRows() throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse(DAYS_SPEC.formatted("{train: 0.5, validation: 0.25, holdout: 0.25}"));
        StringBuilder csv = new StringBuilder("day,x,y\n");
        for (int d = 20; d >= 1; d--) {
            csv.append(String.format("2026-01-%02d,%d,%d%n", d, d, d % 2));
        }
        List<Row> rows = build(spec, csv.toString()).rows();
        // Rows come newest first: the first five (days 20..16) are the latest quarter.
        for (int i = 0; i < 5; i++) {
            assertEquals(Split.HOLDOUT, rows.get(i).split(), "day " + (20 - i));
        }
        assertEquals(Split.TRAIN, rows.get(19).split(), "day 1");
    }

    @Test
    void aTimeSplitReportsItsCutOffsAndTheIdsThatSpanSplits() throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse("""
                pipeline: t
                dataset:
                  label: y
                  id: customer
                  time: day
                  columns: [{name: customer, type: string}, {name: day, type: timestamp}, {name: x, type: numeric},
                            {name: y, type: numeric}]
                features: {split: {by: time, train: 0.5, validation: 0.25, holdout: 0.25}}
                model: {type: logistic}
                """);
        StringBuilder csv = new StringBuilder("customer,day,x,y\n");
        for (int d = 1; d <= 20; d++) {
            // c0 comes back every day (in every split); the others are seen once.
            csv.append(String.format("c%d,2026-01-%02d,%d,%d%n", d % 5 == 0 ? 0 : d, d, d, d % 2));
        }
        FeatureBuilder.Result result = new FeatureBuilder(spec).build(
                FeatureBuilder.DatasetSource.csv(() -> new StringReader(csv.toString())), (split, raw, features, label) -> { });
        FeatureBuilder.TimeSplit cutoffs = result.timeSplit().orElseThrow();
        assertEquals("day", cutoffs.column());
        assertEquals(java.time.Instant.parse("2026-01-10T00:00:00Z"), cutoffs.trainUntil());
        assertEquals(java.time.Instant.parse("2026-01-15T00:00:00Z"), cutoffs.validationUntil());
        assertEquals(1L, cutoffs.idsAcrossSplits(), "c0 has rows in train, validation and the holdout");
        assertEquals(5L, result.rows().get(Split.HOLDOUT), "days 16..20, strictly after the validation cut-off");
    }

    /** 100 distinct rows, three copies of each, and one more row; a spec over x and y with these split settings. */
    private static final String COPIES_SPEC = """
            pipeline: d
            dataset:
              label: y
              columns: [{name: x, type: numeric}, {name: y, type: numeric}]
            features: {split: %s}
            model: {type: logistic}
            """;

    private static String copies() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < 100; i++) {
                csv.append(i).append(',').append(i % 2).append('\n');
            }
        }
        return csv.append("1000,1\n").toString();
    }

    /** The splits each distinct row landed in, and the builder's result. */
    private record SplitsOfRows(Map<String, java.util.Set<Split>> splits, FeatureBuilder.Result result) {
    }

    private static SplitsOfRows splitsOfRows(String splitSettings) throws IOException {
        PipelineSpec spec = new PipelineSpecParser().parse(COPIES_SPEC.formatted(splitSettings));
        Map<String, java.util.Set<Split>> splits = new HashMap<>();
        FeatureBuilder.Result result = new FeatureBuilder(spec).build(FeatureBuilder.DatasetSource.csv(() -> new StringReader(copies())),
                (split, raw, features, label) -> splits.computeIfAbsent(String.join(",", raw), k -> new java.util.HashSet<>()).add(split));
        return new SplitsOfRows(splits, result);
    }

    @Test
    void splitByPositionCountsTheRowsWhoseCopiesLandInSeveralSplits() throws IOException {
        SplitsOfRows byPosition = splitsOfRows("{}");
        long spanning = byPosition.splits().values().stream().filter(splits -> splits.size() > 1).count();
        assertTrue(spanning > 10, "by position, copies scatter: " + spanning);
        assertEquals(spanning, byPosition.result().duplicatesAcrossSplits());
    }

    @Test
    void splitByRowsExactDuplicateRowsAlwaysShareASplit() throws IOException {
        SplitsOfRows byRows = splitsOfRows("{by: rows}");
        assertEquals(101, byRows.splits().size());
        byRows.splits().forEach((row, splits) -> assertEquals(1, splits.size(), row + " is in " + splits));
        assertEquals(0, byRows.result().duplicatesAcrossSplits());
        assertTrue(byRows.result().timeSplit().isEmpty());
        Map<Split, Long> rows = byRows.result().rows();
        assertTrue(rows.get(Split.HOLDOUT) > 0 && rows.get(Split.TRAIN) > 0, rows.toString());
    }

    @Test
    void aSplitThatLeavesTheHoldoutEmptyIsRefusedWithWhy() {
        PipelineSpec spec = new PipelineSpecParser().parse(DAYS_SPEC.formatted("{}"));
        StringBuilder csv = new StringBuilder("day,x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i < 2 ? "2026-01-01" : "2026-02-01").append(',').append(i).append(',').append(i % 2).append('\n');
        }
        FeatureBuilder.EmptySplitException e = org.junit.jupiter.api.Assertions.assertThrows(FeatureBuilder.EmptySplitException.class,
                () -> new FeatureBuilder(spec).build(FeatureBuilder.DatasetSource.csv(() -> new StringReader(csv.toString())),
                        (split, raw, features, label) -> { }));
        assertTrue(e.getMessage().contains("latest times"), e.getMessage());
    }
}
