package ml.pipeline.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import ml.pipeline.core.features.SplitFiles.Examples;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.PipelineSpecParser;

/**
 * One cell of the training benchmark (a batch size and a thread count), in a JVM of its own so that
 * the engine's thread settings and the peak resident memory belong to that cell alone. It runs the
 * trainer's {@code ModelTraining} exactly as the trainer service does (CPU device, Adam, the final
 * checkpoint with its validation metrics; through {@link TrainingTrainer}), first a one-epoch warm-up on a slice of the rows (engine
 * load, JIT), then the timed full run, and writes the figures as JSON.
 *
 * <p>The threads come from the command line that started this JVM: {@code -Dai.djl.pytorch.num_threads},
 * {@code -Dai.djl.pytorch.num_interop_threads} and OMP_NUM_THREADS (see {@link TrainingBenchmark}).
 *
 * <p>Usage: {@code TrainingRun DATA_FILE BATCH EPOCHS LEARNING_RATE SEED WARMUP_ROWS REPEATS RESULT_JSON}; with
 * REPEATS above 1 the full run is timed that many times and the fastest counts.
 */
public final class TrainingRun {

    /** What one cell measured; read back by the benchmark. */
    public record Figures(int rows, int validationRows, int batch, int epochs, long steps, int checkpoints,
            double engineLoadSeconds, double warmupSeconds, double seconds, double samplesPerSecond, List<Double> allSeconds,
            Double othersCpuBusy, Map<String, Double> finalMetrics, int threads, int interopThreads, long peakRssBytes, long maxHeapBytes,
            String djlEngine, String djlEngineVersion) {
    }

    private TrainingRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: TrainingRun DATA_FILE BATCH EPOCHS LEARNING_RATE SEED WARMUP_ROWS REPEATS RESULT_JSON");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        double learningRate = Double.parseDouble(args[3]);
        long seed = Long.parseLong(args[4]);
        int warmupRows = Integer.parseInt(args[5]);
        int repeats = Integer.parseInt(args[6]);
        TrainingData.Splits data = TrainingData.read(Path.of(args[0]));
        Examples train = data.train();

        TrainingTrainer.EngineInfo engine = TrainingTrainer.loadEngine();
        TrainingTrainer trainer = new TrainingTrainer();

        Examples warmup = head(train, Math.min(warmupRows, train.size()));
        long started = System.nanoTime();
        trainer.train(spec(batch, 1, learningRate, seed, warmup.size()), warmup, data.validation(), metrics -> { });
        double warmupSeconds = seconds(started);

        ModelSpec spec = spec(batch, epochs, learningRate, seed, train.size());
        AtomicInteger checkpoints = new AtomicInteger();
        AtomicReference<Map<String, Double>> finalMetrics = new AtomicReference<>(Map.of());
        List<Double> allSeconds = new ArrayList<>();
        long steps = 0;
        long[] ticksBefore = cpuTicks();
        for (int repeat = 0; repeat < repeats; repeat++) {
            checkpoints.set(0);
            started = System.nanoTime();
            steps = trainer.train(spec, train, data.validation(), metrics -> {
                checkpoints.incrementAndGet();
                finalMetrics.set(metrics);
            });
            allSeconds.add(seconds(started));
        }
        Double othersCpuBusy = othersCpuBusy(ticksBefore, cpuTicks());
        double seconds = allSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double samplesPerSecond = (double) epochs * train.size() / seconds;
        int[] threads = TrainingTrainer.engineThreads();
        System.out.printf("  ModelTraining: %,d steps in %.2f s%s = %,.0f samples/s (warm-up %.1f s, engine load %.1f s; "
                + "%d intra-op / %d inter-op threads) %s%n", steps, seconds, repeats > 1 ? " (best of " + allSeconds + ")" : "",
                samplesPerSecond, warmupSeconds, engine.loadSeconds(), threads[0], threads[1], finalMetrics.get());

        Figures figures = new Figures(train.size(), data.validation().size(), batch, epochs, steps, checkpoints.get(),
                engine.loadSeconds(), warmupSeconds, seconds, samplesPerSecond, allSeconds, othersCpuBusy, finalMetrics.get(),
                threads[0], threads[1], peakRssBytes(), Runtime.getRuntime().maxMemory(), engine.name(), engine.version());
        new ObjectMapper().writeValue(Path.of(args[7]).toFile(), figures);
    }

    /**
     * The model spec as a user writes it (parsed and checked like any pipeline's spec), so the
     * benchmark does not depend on the record's arity: the MLP 20-64-64-1, and a checkpoint only at
     * the last step (every N steps with N the run's step count), whose validation metrics the
     * trainer computes.
     */
    static ModelSpec spec(int batch, int epochs, double learningRate, long seed, int rows) {
        long steps = (long) epochs * ((rows + Math.min(batch, rows) - 1) / Math.min(batch, rows));
        StringBuilder yaml = new StringBuilder("""
                pipeline: training-bench
                dataset:
                  label: label
                  columns:
                """);
        for (int j = 0; j < TrainingData.FEATURES; j++) {
            yaml.append("    - {name: ").append(TrainingData.featureName(j)).append(", type: numeric}\n");
        }
        yaml.append("    - {name: label, type: numeric, min: 0, max: 1}\n");
        yaml.append(String.format(java.util.Locale.ROOT, """
                model:
                  name: training-bench
                  type: mlp
                  hiddenLayers: [64, 64]
                  epochs: %d
                  batchSize: %d
                  learningRate: %s
                  seed: %d
                  checkpointEverySteps: %d
                  keepCheckpoints: 1
                """, epochs, batch, Double.toString(learningRate), seed, steps));
        return new PipelineSpecParser().parse(yaml.toString()).model();
    }

    private static Examples head(Examples examples, int rows) {
        return new Examples(examples.featureNames(), Arrays.copyOf(examples.features(), rows),
                Arrays.copyOf(examples.labels(), rows));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * {all CPUs' jiffies, their busy jiffies, this process's own jiffies} from /proc/stat and
     * /proc/self/stat (the same clock ticks), or null without /proc; training_torch.py does the same.
     */
    static long[] cpuTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
                long value = Long.parseLong(cpu[i]);
                total += value;
                idle += i == 4 || i == 5 ? value : 0;
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return new long[] {total, total - idle, own};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The share of all CPUs that other processes kept busy between two {@link #cpuTicks} readings:
     * near 0 on an idle machine; anything else competes with the measured threads.
     */
    static Double othersCpuBusy(long[] before, long[] after) {
        if (before == null || after == null || after[0] <= before[0]) {
            return null;
        }
        long others = (after[1] - before[1]) - (after[2] - before[2]);
        return Math.max(0.0, (double) others / (after[0] - before[0]));
    }

    /** VmHWM of this process (the whole JVM: heap, metaspace, code cache, the native engine), or -1 without /proc. */
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
}
