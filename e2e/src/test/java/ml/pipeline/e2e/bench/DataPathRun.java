package ml.pipeline.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.features.FeatureBuilder;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.validation.DatasetValidator;
import ml.pipeline.core.validation.ValidationResult;

/**
 * One measured size, in a JVM of its own (started by {@link DataPathBenchmark} with a fixed -Xmx),
 * so that the peak resident memory it reports belongs to this size alone. Times one validate pass
 * and one feature build (two passes: fit, transform), each from a cold JIT, as a freshly started
 * stage would run them, and writes the figures as JSON.
 *
 * <p>Usage: {@code DataPathRun CSV SPEC_YAML RESULT_JSON}
 */
public final class DataPathRun {

    /** What one size measured; read back by the benchmark. */
    public record Figures(long rows, long featureRows, double validateSeconds, double featuresSeconds,
            long peakRssBytes, long heapAfterGcBytes, long maxHeapBytes, double featureChecksum) {
    }

    private DataPathRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: DataPathRun CSV SPEC_YAML RESULT_JSON");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        PipelineSpec spec = new PipelineSpecParser().parse(Files.readString(Path.of(args[1])));

        System.out.println("  validating...");
        long started = System.nanoTime();
        ValidationResult validation;
        try (Reader reader = open(csv)) {
            validation = DatasetValidator.validate(reader, spec.dataset());
        }
        double validateSeconds = seconds(started);
        if (!validation.passed()) {
            // A failed contract would time the rejection path, not the data path: refuse to report it.
            throw new IllegalStateException("the generated dataset fails its own contract: " + validation.violations());
        }
        long rows = validation.profile().rows();
        System.out.printf("  validated %,d rows in %.2f s%n", rows, validateSeconds);

        System.out.println("  building features (fit pass, transform pass)...");
        FeatureConsumer consumer = new FeatureConsumer();
        started = System.nanoTime();
        new FeatureBuilder(spec).build(FeatureBuilder.DatasetSource.csv(() -> open(csv)), consumer);
        double featuresSeconds = seconds(started);
        System.out.printf("  built features of %,d rows in %.2f s (train %,d, validation %,d, holdout %,d)%n",
                consumer.rows, featuresSeconds, consumer.bySplit.getOrDefault(Split.TRAIN, 0L),
                consumer.bySplit.getOrDefault(Split.VALIDATION, 0L), consumer.bySplit.getOrDefault(Split.HOLDOUT, 0L));
        if (consumer.rows != rows) {
            throw new IllegalStateException("features saw " + consumer.rows + " rows, validation " + rows);
        }

        // Read the high-water mark before anything else allocates; the heap after a full GC then
        // shows what the run retains (its results), which should not grow with the rows.
        long peakRss = peakRssBytes();
        System.gc();
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Figures figures = new Figures(rows, consumer.rows, validateSeconds, featuresSeconds, peakRss, heapAfterGc,
                Runtime.getRuntime().maxMemory(), consumer.checksum);
        new ObjectMapper().writeValue(Path.of(args[2]).toFile(), figures);
    }

    /** Each pass reads the file afresh, as the stages do from the object store. */
    private static Reader open(Path csv) throws IOException {
        return Files.newBufferedReader(csv, StandardCharsets.UTF_8);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** VmHWM of this process (the whole JVM: heap, metaspace, code cache, buffers), or -1 without /proc. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("  (no peak RSS: " + e.getMessage() + ")");
        }
        return -1;
    }

    /** Counts rows per split and folds every feature into a checksum, so the JIT cannot drop the transform. */
    private static final class FeatureConsumer implements FeatureBuilder.SplitSink {
        long rows;
        double checksum;
        final Map<Split, Long> bySplit = new EnumMap<>(Split.class);

        @Override
        public void accept(Split split, List<String> raw, float[] features, float label) {
            rows++;
            bySplit.merge(split, 1L, Long::sum);
            for (float value : features) {
                checksum += value;
            }
            checksum += label;
        }
    }
}
