package ml.pipeline.core.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace as a waterfall: each span on a row under its parent (children in the order they
 * started), placed on one time axis from the trace's first start to its last end. A span whose
 * parent is not among the spans (not kept, or in another service that does not ship spans) is a
 * root of its own, and so is each span of a cycle no root leads to.
 */
public final class Waterfall {

    /** One finished span. Times in microseconds since the epoch; {@code parentSpanId} null for a root. */
    public record Span(String spanId, String parentSpanId, String service, String name, long startMicros,
            long endMicros, boolean error) {
        public long durationMicros() {
            return Math.max(0, endMicros - startMicros);
        }
    }

    /** A span's row: its depth under the roots, and where its bar starts and how long it is, in percent of the axis. */
    public record Row(Span span, int depth, double offsetPercent, double widthPercent) {
    }

    private Waterfall() {
    }

    /** The rows, parents before their children; empty for no spans. */
    public static List<Row> of(List<Span> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        long start = spans.stream().mapToLong(Span::startMicros).min().orElseThrow();
        long end = spans.stream().mapToLong(Span::endMicros).max().orElseThrow();
        double axis = Math.max(1, end - start);
        Set<String> ids = new HashSet<>();
        spans.forEach(span -> ids.add(span.spanId()));
        Map<String, List<Span>> children = new HashMap<>();
        List<Span> roots = new ArrayList<>();
        for (Span span : spans) {
            if (span.parentSpanId() == null || !ids.contains(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), parent -> new ArrayList<>()).add(span);
            }
        }
        Comparator<Span> byStart = Comparator.comparingLong(Span::startMicros).thenComparing(Span::spanId);
        roots.sort(byStart);
        children.values().forEach(list -> list.sort(byStart));
        List<Row> rows = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Span root : roots) {
            place(root, 0, start, axis, children, rows, placed);
        }
        // Spans that only point at each other (bad data) have no root to hang from: each becomes one.
        spans.stream().sorted(byStart).filter(span -> !placed.contains(span.spanId()))
                .forEach(span -> place(span, 0, start, axis, children, rows, placed));
        return rows;
    }

    private static void place(Span span, int depth, long start, double axis, Map<String, List<Span>> children,
            List<Row> rows, Set<String> placed) {
        if (!placed.add(span.spanId())) {
            return; // a cycle in bad data: each span is drawn once
        }
        double offset = 100 * (span.startMicros() - start) / axis;
        double width = Math.max(0.2, 100 * span.durationMicros() / axis);
        rows.add(new Row(span, depth, offset, Math.min(width, 100 - offset)));
        for (Span child : children.getOrDefault(span.spanId(), List.of())) {
            place(child, depth + 1, start, axis, children, rows, placed);
        }
    }
}
