package ml.pipeline.e2e.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training benchmark (issue: the trainer's loop at >= 1.0x of a plain PyTorch loop, same MLP,
 * batch size, optimizer, threads and data): generates the data once, then for every batch size and
 * thread count runs {@link TrainingRun} in a fresh JVM and {@code training_torch.py} in a fresh
 * Python, and prints one table of samples/s and ratios; the figures go to a JSON file. On demand
 * only ({@code e2e/bench/training.sh}); never part of the build.
 *
 * <p>Usage: {@code TrainingBenchmark OUTPUT_DIR}; settings from the environment (see the script).
 */
public final class TrainingBenchmark {
    static final double RATIO_GOAL = 1.0;
    /** Other processes using more of the CPUs than this during a timed run make its figure untrustworthy. */
    static final double BUSY_CPU = 0.05;
    static final String INSTALL_TORCH = "apt-get install -y python3-torch libopenblas0-pthread";

    /** The PyTorch side of one cell; null figures when it could not run. */
    record TorchRun(Double samplesPerSecond, Double seconds, List<Double> allSeconds, Double othersCpuBusy, Long steps,
            Double trainLoss, Double valLoss, Double valAccuracy, Integer threads, Long peakRssBytes, String version,
            String blas, String error) {
    }

    /** One cell of the table, as written to the JSON file. */
    record Cell(int batch, int threads, TrainingRun.Figures java, TorchRun torch, Double ratio) {
    }

    record Report(String generatedAt, String codeVersion, String javaVersion, String javaXmx, int cpus, String djlEngineVersion,
            String torchVersion, String torchBlas, String torchError, int rows, int validationRows, int epochs,
            int warmupRows, int repeats, double learningRate, long seed, List<Cell> cells, double ratioGoal, Double minRatio,
            Boolean ratioGoalMet) {
    }

    private final Path outputDir;
    private final int rows;
    private final int validationRows;
    private final int epochs;
    private final int warmupRows;
    private final int repeats;
    private final List<Integer> batches;
    private final List<Integer> threads;
    private final double learningRate;
    private final long seed;
    private final String xmx;
    private final String python;
    private final String torchScript;
    private final String codeVersion;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    TrainingBenchmark(Path outputDir, Map<String, String> env) {
        this.outputDir = outputDir;
        this.rows = count(env.getOrDefault("BENCH_ROWS", "50000"), "BENCH_ROWS");
        this.validationRows = count(env.getOrDefault("BENCH_VALIDATION_ROWS", "5000"), "BENCH_VALIDATION_ROWS");
        this.epochs = count(env.getOrDefault("BENCH_EPOCHS", "3"), "BENCH_EPOCHS");
        // A whole epoch by default: with fewer steps (39 at batch 256 on 10k rows) the JVM's first
        // timed run was still up to 2x slower than its later ones.
        this.warmupRows = Math.min(rows, count(env.getOrDefault("BENCH_WARMUP_ROWS", Integer.toString(rows)), "BENCH_WARMUP_ROWS"));
        this.repeats = count(env.getOrDefault("BENCH_REPEATS", "3"), "BENCH_REPEATS");
        this.batches = counts(env.getOrDefault("BENCH_BATCHES", "32 256"), "BENCH_BATCHES");
        this.threads = counts(env.getOrDefault("BENCH_THREADS", "1 2"), "BENCH_THREADS");
        this.learningRate = Double.parseDouble(env.getOrDefault("BENCH_LR", "0.001"));
        this.seed = Long.parseLong(env.getOrDefault("BENCH_SEED", "42"));
        this.xmx = env.getOrDefault("BENCH_XMX", "512m");
        this.python = env.getOrDefault("BENCH_PYTHON", "/usr/bin/python3");
        this.torchScript = env.getOrDefault("BENCH_TORCH_SCRIPT", "e2e/bench/training_torch.py");
        this.codeVersion = env.getOrDefault("BENCH_CODE_VERSION", "unknown");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TrainingBenchmark OUTPUT_DIR");
            System.exit(2);
        }
        new TrainingBenchmark(Path.of(args[0]), System.getenv()).run();
    }

    private static int count(String setting, String name) {
        int value = Integer.parseInt(setting.trim().replace("_", ""));
        if (value < 1) {
            throw new IllegalArgumentException(name + ": at least 1, got " + setting);
        }
        return value;
    }

    private static List<Integer> counts(String setting, String name) {
        return Arrays.stream(setting.trim().split("[,\\s]+")).map(s -> count(s, name)).distinct().toList();
    }

    void run() throws Exception {
        java.nio.file.Files.createDirectories(outputDir);
        Path data = outputDir.resolve("training-data.bin");
        System.out.printf("Generating %,d train + %,d validation rows x %d features (seed %d) in %s...%n", rows,
                validationRows, TrainingData.FEATURES, seed, data);
        long bytes = TrainingData.write(data, rows, validationRows, seed);
        System.out.printf("  wrote %.1f MB%n", bytes / 1e6);

        List<Cell> cells = new ArrayList<>();
        for (int batch : batches) {
            for (int n : threads) {
                System.out.printf("[batch %d, %d thread%s] Java: ModelTraining in a fresh JVM (-Xmx%s), %d epochs...%n",
                        batch, n, n == 1 ? "" : "s", xmx, epochs);
                TrainingRun.Figures java = runJava(data, batch, n);
                System.out.printf("[batch %d, %d thread%s] PyTorch: training_torch.py, %d epochs...%n", batch, n,
                        n == 1 ? "" : "s", epochs);
                TorchRun torch = runTorch(data, batch, n);
                if (torch.error() == null) {
                    System.out.printf("  PyTorch %s: %,d steps in %.2f s = %,.0f samples/s (val_accuracy %.3f)%n",
                            torch.version(), torch.steps(), torch.seconds(), torch.samplesPerSecond(), torch.valAccuracy());
                } else {
                    System.out.println("  PyTorch did not run: " + torch.error());
                }
                Double ratio = torch.samplesPerSecond() == null ? null : java.samplesPerSecond() / torch.samplesPerSecond();
                cells.add(new Cell(batch, n, java, torch, ratio));
            }
        }
        Report report = report(cells);
        System.out.println();
        System.out.print(table(report));
        Path jsonFile = outputDir.resolve("training.json");
        json.writeValue(jsonFile.toFile(), report);
        System.out.println("Figures: " + jsonFile);
    }

    /** Same thread settings on both sides: N intra-op threads, 1 inter-op thread, OpenMP N, OpenBLAS 1. */
    private static void threadEnvironment(ProcessBuilder builder, int n) {
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(n));
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
    }

    private TrainingRun.Figures runJava(Path data, int batch, int n) throws IOException, InterruptedException {
        Path resultFile = outputDir.resolve("training-java-b" + batch + "-t" + n + ".json");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx" + xmx, "--enable-native-access=ALL-UNNAMED",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + n, "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), TrainingRun.class.getName(), data.toString(),
                Integer.toString(batch), Integer.toString(epochs), Double.toString(learningRate), Long.toString(seed),
                Integer.toString(warmupRows), Integer.toString(repeats), resultFile.toString()).inheritIO();
        threadEnvironment(builder, n);
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the Java run for batch " + batch + ", " + n + " threads failed (exit " + exit
                    + "); see above");
        }
        return json.readValue(resultFile.toFile(), TrainingRun.Figures.class);
    }

    private TorchRun runTorch(Path data, int batch, int n) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, torchScript, data.toString(), "--batch", Integer.toString(batch),
                "--epochs", Integer.toString(epochs), "--lr", Double.toString(learningRate), "--threads", Integer.toString(n),
                "--seed", Long.toString(seed), "--warmup-rows", Integer.toString(warmupRows), "--repeats", Integer.toString(repeats))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        threadEnvironment(builder, n);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed(python + " cannot be started (" + e.getMessage() + ")");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);
        JsonNode figures;
        try {
            figures = json.readTree(lastLine.isEmpty() ? "{}" : lastLine);
        } catch (JsonProcessingException e) {
            return failed("unexpected output from " + python + ": " + lastLine);
        }
        if (figures.has("error")) {
            return failed(figures.get("error").asText() + "; install PyTorch with '" + INSTALL_TORCH + "'");
        }
        if (exit != 0 || !figures.has("samplesPerSecond")) {
            return failed(python + " failed (exit " + exit + ", its errors above)");
        }
        List<Double> allSeconds = new ArrayList<>();
        figures.path("allSeconds").forEach(value -> allSeconds.add(value.asDouble()));
        JsonNode others = figures.path("othersCpuBusy");
        return new TorchRun(figures.get("samplesPerSecond").asDouble(), figures.get("seconds").asDouble(), allSeconds,
                others.isNumber() ? others.asDouble() : null, figures.get("steps").asLong(), figures.get("trainLoss").asDouble(), figures.get("valLoss").asDouble(),
                figures.get("valAccuracy").asDouble(), figures.get("threads").asInt(), figures.get("peakRssBytes").asLong(),
                figures.get("torchVersion").asText(), figures.path("blas").asText(null), null);
    }

    private static TorchRun failed(String error) {
        return new TorchRun(null, null, List.of(), null, null, null, null, null, null, null, null, null, error);
    }

    private Report report(List<Cell> cells) {
        Double minRatio = cells.stream().allMatch(c -> c.ratio() != null)
                ? cells.stream().mapToDouble(Cell::ratio).min().orElseThrow() : null;
        TorchRun firstTorch = cells.getFirst().torch();
        return new Report(Instant.now().toString(), codeVersion, Runtime.version().toString(), xmx,
                Runtime.getRuntime().availableProcessors(), cells.getFirst().java().djlEngineVersion(),
                firstTorch.version(), firstTorch.blas(), firstTorch.error(), rows, validationRows, epochs, warmupRows, repeats,
                learningRate, seed, cells, RATIO_GOAL, minRatio, minRatio == null ? null : minRatio >= RATIO_GOAL);
    }

    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Training: the trainer's ModelTraining (DJL, PyTorch %s native, JDK %s, -Xmx%s) vs "
                + "Python PyTorch %s, MLP %d-64-64-1, Adam lr %s, %,d rows x %d epochs (+ %,d validation rows), %d CPUs; "
                + "samples/s, higher is better; goal: ratio >= %.1fx in every cell; code %s%n",
                report.djlEngineVersion(), report.javaVersion(), report.javaXmx(),
                report.torchVersion() == null ? "(not run)" : report.torchVersion(), TrainingData.FEATURES,
                Double.toString(report.learningRate()), report.rows(), report.epochs(), report.validationRows(), report.cpus(),
                report.ratioGoal(), report.codeVersion()));
        String format = "%6s | %7s | %14s | %17s | %16s | %13s | %16s | %20s%n";
        out.append(String.format(Locale.ROOT, format, "batch", "threads", "Java samples/s", "PyTorch samples/s",
                "Java / PyTorch", "Java peak RSS", "PyTorch peak RSS", "others' CPU J / P"));
        String rule = "-".repeat(129) + "\n";
        out.append(rule);
        for (Cell c : report.cells()) {
            TorchRun t = c.torch();
            out.append(String.format(Locale.ROOT, format, c.batch(), c.threads(), count(c.java().samplesPerSecond()),
                    t.samplesPerSecond() == null ? "n/a" : count(t.samplesPerSecond()),
                    c.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.2fx %s", c.ratio(),
                            c.ratio() >= report.ratioGoal() ? "(met)" : "(NOT met)"),
                    mib(c.java().peakRssBytes()), t.peakRssBytes() == null ? "n/a" : mib(t.peakRssBytes()),
                    percent(c.java().othersCpuBusy()) + " / " + percent(t.othersCpuBusy())));
        }
        out.append(rule);
        for (Cell c : report.cells()) {
            TrainingRun.Figures j = c.java();
            TorchRun t = c.torch();
            out.append(String.format(Locale.ROOT, "batch %3d, %d thr: Java %,d steps %.2f s (threads %d/%d), val_accuracy %.3f; "
                    + "PyTorch %s%n", c.batch(), c.threads(), j.steps(), j.seconds(), j.threads(), j.interopThreads(),
                    j.finalMetrics().getOrDefault("val_accuracy", Double.NaN),
                    t.error() != null ? "n/a" : String.format(Locale.ROOT, "%,d steps %.2f s (threads %d), val_accuracy %.3f",
                            t.steps(), t.seconds(), t.threads(), t.valAccuracy())));
        }
        out.append("Both sides: a one-epoch warm-up on ").append(String.format(Locale.ROOT, "%,d", report.warmupRows()))
                .append(report.repeats() == 1 ? " rows first, then one timed run"
                        : " rows first, then the fastest of " + report.repeats() + " timed runs")
                .append(" (JVM start and engine load excluded); samples/s = epochs x rows / s.\n")
                .append("Each timed run ends with a validation pass (the trainer's final checkpoint; PyTorch: loss and accuracy).\n")
                .append("PyTorch loop: torch.randperm shuffle each epoch, index batches from in-memory tensors (no DataLoader),\n")
                .append("zero_grad / forward / BCEWithLogitsLoss / backward / Adam.step and loss.item() every step.\n")
                .append("Threads: N intra-op + 1 inter-op on both sides, OMP_NUM_THREADS=N, OPENBLAS_NUM_THREADS=1")
                .append(report.torchBlas() == null ? "" : "; PyTorch's BLAS: " + report.torchBlas()).append(".\n")
                .append("Peak RSS: VmHWM of the whole process (JVM with the native engine / Python).\n");
        double maxBusy = report.cells().stream().flatMap(c -> java.util.stream.Stream.of(c.java().othersCpuBusy(),
                c.torch().othersCpuBusy())).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        out.append("Others' CPU: the share of all CPUs that other processes used during the timed runs (Java / PyTorch).");
        if (!Double.isNaN(maxBusy) && maxBusy > BUSY_CPU) {
            out.append(String.format(Locale.ROOT, " Up to %.0f%%: the machine was BUSY, those cells (the 2-thread ones above all)%n"
                    + "are not trustworthy; rerun on an idle machine.%n", 100 * maxBusy));
        } else {
            out.append(Double.isNaN(maxBusy) ? " (unknown: no /proc)\n" : " The machine was idle.\n");
        }
        if (report.minRatio() != null) {
            out.append(String.format(Locale.ROOT, "Speed: Java / PyTorch = %.2fx at worst (goal >= %.1fx in every cell): %s%n",
                    report.minRatio(), report.ratioGoal(), report.ratioGoalMet() ? "MET" : "NOT MET"));
        } else {
            out.append("Speed: no ratio, PyTorch did not run (" + report.torchError() + ")\n");
        }
        return out.toString();
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String percent(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
    }
}
