package ml.pipeline.core.features;

import java.io.IOException;
import java.io.Reader;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import ml.pipeline.core.dataset.CsvReader;
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

    /** Opens the dataset's CSV text again for each pass. */
    @FunctionalInterface
    public interface CsvSource {
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

    public record Result(FeatureTransform transform, Map<Split, Long> rows) {
    }

    private final PipelineSpec spec;
    private final DatasetContract contract;

    public FeatureBuilder(PipelineSpec spec) {
        this.spec = spec;
        this.contract = spec.dataset();
    }

    public Result build(CsvSource source, SplitSink sink) throws IOException {
        return build(source, sink, (transform, header) -> { });
    }

    public Result build(CsvSource source, SplitSink sink, FittedListener onFitted) throws IOException {
        SplitAssigner assigner = new SplitAssigner(spec.features().split());
        SplitAssigner.TimeCutoffs cutoffs = contract.timeColumn().isPresent() ? timeCutoffs(source, assigner) : null;

        TransformFitter fitter = new TransformFitter(contract, spec.features());
        forEachRow(source, (row, index) -> {
            fitter.observeLabel(row.get(contract.label()));
            if (splitOf(row, index, assigner, cutoffs) == Split.TRAIN) {
                fitter.observeTraining(row);
            }
        });
        FeatureTransform transform = fitter.fit();
        onFitted.fitted(transform, header(source));

        Map<Split, Long> rows = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            rows.put(split, 0L);
        }
        forEachRecord(source, (row, record, index) -> {
            Split split = splitOf(row, index, assigner, cutoffs);
            sink.accept(split, record, transform.apply(row), transform.label().apply(row.get(contract.label())));
            rows.merge(split, 1L, Long::sum);
        });
        return new Result(transform, rows);
    }

    private Split splitOf(Map<String, String> row, long index, SplitAssigner assigner, SplitAssigner.TimeCutoffs cutoffs) {
        if (cutoffs != null) {
            return cutoffs.of(CellValues.timestamp(row.get(contract.time())).toEpochMilli());
        }
        return assigner.byKey(contract.idColumn().map(row::get).orElse(String.valueOf(index)));
    }

    /** Times are the one thing kept per row (8 bytes each): a time split needs their exact order. */
    private SplitAssigner.TimeCutoffs timeCutoffs(CsvSource source, SplitAssigner assigner) throws IOException {
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

    private static List<String> header(CsvSource source) throws IOException {
        try (CsvReader csv = new CsvReader(source.open())) {
            return csv.header();
        }
    }

    private static void forEachRow(CsvSource source, RowVisitor visitor) throws IOException {
        forEachRecord(source, (row, record, index) -> visitor.visit(row, index));
    }

    private static void forEachRecord(CsvSource source, RecordVisitor visitor) throws IOException {
        try (CsvReader csv = new CsvReader(source.open())) {
            List<String> header = csv.header();
            Map<String, String> row = new HashMap<>();
            List<String> record;
            long index = 0;
            while ((record = csv.next()) != null) {
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.get(i));
                }
                visitor.visit(row, record, index++);
            }
        }
    }
}
