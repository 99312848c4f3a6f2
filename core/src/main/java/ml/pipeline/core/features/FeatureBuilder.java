package ml.pipeline.core.features;

import java.io.IOException;
import java.io.Reader;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import ml.pipeline.core.spec.SplitSpec;
import java.util.stream.LongStream;
import ml.pipeline.core.dataset.CsvReader;
import ml.pipeline.core.dataset.RowHash;
import ml.pipeline.core.dataset.DatasetReader;
import ml.pipeline.core.dataset.PrefetchingReader;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.validation.CellValues;

/**
 * Turns a validated dataset into feature splits in a few streaming passes: (time split only)
 * collect the times; assign each row its split and fit the transform on the training rows; then
 * assign again, transform every row and hand it to the sink. The same bytes and spec always give
 * the same splits, transform and vectors.
 */
public final class FeatureBuilder {

    /** Opens the dataset again for each pass. */
    @FunctionalInterface
    public interface DatasetSource {
        DatasetReader open() throws IOException;

        /** CSV text, opened again for each pass. */
        static DatasetSource csv(CsvText text) {
            return () -> new CsvReader(text.open());
        }
    }

    @FunctionalInterface
    public interface CsvText {
        Reader open() throws IOException;
    }

    /** Receives every row with its split: as read (in header order) and transformed. */
    @FunctionalInterface
    public interface SplitSink {
        void accept(Split split, List<String> raw, float[] features, float label) throws IOException;
    }

    /** Told the fitted transform and the CSV header before the first row reaches the sink (e.g. to write file headers). */
    @FunctionalInterface
    public interface FittedListener {
        void fitted(FeatureTransform transform, List<String> header) throws IOException;
    }

    /**
     * What was built: the transform, rows per split, and for a time split its cut-offs (the last
     * time in train and in validation: the holdout is strictly later) with how many ids have rows
     * in more than one split (null without an id column); and how many distinct rows have exact
     * copies in more than one split (0 by construction when split by id or by content).
     */
    public record Result(FeatureTransform transform, Map<Split, Long> rows, Optional<TimeSplit> timeSplit,
            long duplicatesAcrossSplits) {
    }

    public record TimeSplit(String column, Instant trainUntil, Instant validationUntil, Long idsAcrossSplits) {
    }

    private final PipelineSpec spec;
    private final DatasetContract contract;

    public FeatureBuilder(PipelineSpec spec) {
        this.spec = spec;
        this.contract = spec.dataset();
    }

    public Result build(DatasetSource source, SplitSink sink) throws IOException {
        return build(source, sink, (transform, header) -> { });
    }

    public Result build(DatasetSource source, SplitSink sink, FittedListener onFitted) throws IOException {
        SplitAssigner assigner = new SplitAssigner(spec.features().split());
        String method = spec.features().split().method(contract);
        SplitAssigner.TimeCutoffs cutoffs = SplitSpec.BY_TIME.equals(method) ? timeCutoffs(source, assigner) : null;

        TransformFitter fitter = new TransformFitter(contract, spec.features());
        // Split by id or by content, copies of a row share its split; by position or time, look for them.
        boolean copiesMaySpan = SplitSpec.BY_POSITION.equals(method) || SplitSpec.BY_TIME.equals(method);
        LongStream.Builder rowHashes = LongStream.builder();
        forEachRecord(source, (row, record, index) -> {
            if (copiesMaySpan) {
                rowHashes.add(RowHash.of(record));
            }
            fitter.observeLabel(row.get(contract.label()));
            if (splitOf(method, row, record, assigner, cutoffs, index) == Split.TRAIN) {
                fitter.observeTraining(row);
            }
        });
        FeatureTransform transform = fitter.fit();
        onFitted.fitted(transform, header(source));

        Map<Split, Long> rows = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            rows.put(split, 0L);
        }
        Spread ids = cutoffs != null && contract.idColumn().isPresent() ? new Spread() : null;
        long[] copied = copiesMaySpan ? repeated(rowHashes.build().toArray()) : new long[0];
        Spread copies = new Spread();
        forEachRecord(source, (row, record, index) -> {
            Split split = splitOf(method, row, record, assigner, cutoffs, index);
            sink.accept(split, record, transform.apply(row), transform.label().apply(row.get(contract.label())));
            rows.merge(split, 1L, Long::sum);
            if (ids != null) {
                ids.add(RowHash.of(List.of(row.get(contract.id()))), split);
            }
            if (copied.length > 0) {
                long hash = RowHash.of(record);
                if (Arrays.binarySearch(copied, hash) >= 0) {
                    copies.add(hash, split);
                }
            }
        });
        if (rows.get(Split.TRAIN) == 0 || rows.get(Split.HOLDOUT) == 0) {
            throw new EmptySplitException("the " + method + " split left " + (rows.get(Split.TRAIN) == 0 ? "train" : "the holdout")
                    + " empty (" + rows + ")" + (cutoffs != null ? ": too many rows share the latest times" : ""));
        }
        Optional<TimeSplit> timeSplit = Optional.ofNullable(cutoffs).map(c -> new TimeSplit(contract.time(),
                Instant.ofEpochMilli(c.lastTrain()), Instant.ofEpochMilli(c.lastValidation()), ids == null ? null : ids.spanning()));
        return new Result(transform, rows, timeSplit, copies.spanning());
    }

    /** The values that occur more than once, sorted, each once. */
    private static long[] repeated(long[] values) {
        Arrays.sort(values);
        LongStream.Builder repeated = LongStream.builder();
        for (int i = 1; i < values.length; i++) {
            if (values[i] == values[i - 1] && (i == 1 || values[i - 1] != values[i - 2])) {
                repeated.add(values[i]);
            }
        }
        return repeated.build().toArray();
    }

    /** A split that would leave nothing to train on or to judge by. */
    public static final class EmptySplitException extends IllegalStateException {
        EmptySplitException(String message) {
            super(message);
        }
    }

    /**
     * Which split a row falls in: by time; by its id, so an id never spans two splits; or by its
     * whole content, so exact duplicate rows never span two splits.
     */
    private Split splitOf(String method, Map<String, String> row, List<String> record, SplitAssigner assigner,
            SplitAssigner.TimeCutoffs cutoffs, long index) {
        return switch (method) {
            case SplitSpec.BY_TIME -> cutoffs.of(CellValues.timestamp(row.get(contract.time())).toEpochMilli());
            case SplitSpec.BY_ID -> assigner.byKey(row.get(contract.id()));
            case SplitSpec.BY_ROWS -> assigner.byKey(String.join("\u001f", record));
            default -> assigner.byKey(String.valueOf(index));
        };
    }

    /** Keys (hashes of ids or of rows) seen in more than one split: 8 bytes each, the split in the low bits. */
    private static final class Spread {
        private final LongStream.Builder seen = LongStream.builder();

        void add(long key, Split split) {
            seen.add((key & ~3L) | split.ordinal());
        }

        long spanning() {
            long[] sorted = seen.build().sorted().toArray();
            long spanning = 0;
            int i = 0;
            while (i < sorted.length) {
                long key = sorted[i] >>> 2;
                boolean several = false;
                int j = i + 1;
                for (; j < sorted.length && sorted[j] >>> 2 == key; j++) {
                    several |= sorted[j] != sorted[i];
                }
                spanning += several ? 1 : 0;
                i = j;
            }
            return spanning;
        }
    }

    /** Times are the one thing kept per row (8 bytes each): a time split needs their exact order. */
    private SplitAssigner.TimeCutoffs timeCutoffs(DatasetSource source, SplitAssigner assigner) throws IOException {
        LongStream.Builder times = LongStream.builder();
        forEachRow(source, (row, index) -> times.add(CellValues.timestamp(row.get(contract.time())).toEpochMilli()));
        return assigner.cutoffs(times.build().toArray());
    }

    @FunctionalInterface
    private interface RowVisitor {
        void visit(Map<String, String> row, long index) throws IOException;
    }

    @FunctionalInterface
    private interface RecordVisitor {
        void visit(Map<String, String> row, List<String> record, long index) throws IOException;
    }

    private static List<String> header(DatasetSource source) throws IOException {
        try (DatasetReader csv = source.open()) {
            return csv.header();
        }
    }

    private static void forEachRow(DatasetSource source, RowVisitor visitor) throws IOException {
        forEachRecord(source, (row, record, index) -> visitor.visit(row, index));
    }

    private static void forEachRecord(DatasetSource source, RecordVisitor visitor) throws IOException {
        try (DatasetReader csv = new PrefetchingReader(source.open())) {
            RecordRow row = new RecordRow(csv.header());
            List<String> record;
            long index = 0;
            while ((record = csv.next()) != null) {
                row.record = record;
                visitor.visit(row, record, index++);
            }
        }
    }

    /** A record seen as column name to cell, without copying it into a map for every row. */
    private static final class RecordRow extends AbstractMap<String, String> {
        private final Map<String, Integer> positions = new HashMap<>();
        private final List<String> header;
        private List<String> record;

        RecordRow(List<String> header) {
            this.header = header;
            for (int i = 0; i < header.size(); i++) {
                positions.put(header.get(i), i);
            }
        }

        @Override
        public String get(Object column) {
            Integer position = positions.get(column);
            return position == null ? null : record.get(position);
        }

        @Override
        public boolean containsKey(Object column) {
            return positions.containsKey(column);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            Set<Entry<String, String>> entries = new LinkedHashSet<>();
            for (int i = 0; i < header.size(); i++) {
                entries.add(new SimpleImmutableEntry<>(header.get(i), record.get(i)));
            }
            return entries;
        }
    }
}
