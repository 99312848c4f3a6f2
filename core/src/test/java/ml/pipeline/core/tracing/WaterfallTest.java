package ml.pipeline.core.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ml.pipeline.core.tracing.Waterfall.Row;
import ml.pipeline.core.tracing.Waterfall.Span;
import org.junit.jupiter.api.Test;

class WaterfallTest {

    @Test
    void childrenComeUnderTheirParentInTheOrderTheyStartedOnOneTimeAxis() {
        Span root = new Span("a", null, "ingest", "POST /api/v1/datasets", 1_000, 11_000, false);
        Span late = new Span("c", "a", "validate", "validate", 6_000, 11_000, false);
        Span early = new Span("b", "a", "ingest", "datasets.published publish", 1_000, 2_000, false);
        Span grandchild = new Span("d", "b", "validate", "datasets.published receive", 2_000, 2_000, false);

        List<Row> rows = Waterfall.of(List.of(late, grandchild, root, early));

        assertEquals(List.of("a", "b", "d", "c"), rows.stream().map(row -> row.span().spanId()).toList());
        assertEquals(List.of(0, 1, 2, 1), rows.stream().map(Row::depth).toList());
        assertEquals(0, rows.get(0).offsetPercent(), 1e-9);
        assertEquals(100, rows.get(0).widthPercent(), 1e-9);
        assertEquals(50, rows.get(3).offsetPercent(), 1e-9);
        assertEquals(50, rows.get(3).widthPercent(), 1e-9);
        assertTrue(rows.get(2).widthPercent() > 0, "an instant still shows as a sliver");
    }

    @Test
    void aSpanWhoseParentWasNotKeptIsARootAndACycleDrawsEachSpanOnce() {
        Span orphan = new Span("x", "missing", "trainer", "train", 5, 10, true);
        Span loopA = new Span("p", "q", "registry", "p", 0, 4, false);
        Span loopB = new Span("q", "p", "registry", "q", 1, 3, false);

        List<Row> rows = Waterfall.of(List.of(orphan, loopA, loopB));

        assertEquals(List.of("x", "p", "q"), rows.stream().map(row -> row.span().spanId()).toList(),
                "every span is drawn, once");
        assertEquals(List.of(0, 0, 1), rows.stream().map(Row::depth).toList());
        assertTrue(Waterfall.of(List.of()).isEmpty());
    }
}
