package ml.pipeline.e2e.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data-path benchmark (issue: validate + features at 3x pandas, memory flat in the rows): for
 * each size it generates the CSV, runs {@link DataPathRun} in a fresh JVM with a fixed -Xmx, runs
 * pandas {@code read_csv} + {@code describe} on the same file, then prints one table and writes
 * the figures as JSON. On demand only ({@code e2e/bench/data-path.sh}); never part of the build.
 *
 * <p>Usage: {@code DataPathBenchmark OUTPUT_DIR}; settings from the environment (see the script).
 */
public final class DataPathBenchmark {
    static final double RATIO_GOAL = 3.0;
    static final double MEMORY_GOAL_PERCENT = 20.0;
    static final String INSTALL_PANDAS = "apt-get install -y python3-pandas";

    /**
     * Times inside Python, so that interpreter start and {@code import pandas} are not counted
     * against it; ru_maxrss is the process's peak RSS in KiB on Linux.
     */
    static final String PANDAS_SCRIPT = """
            import json, resource, sys, time
            try:
                import pandas as pd
            except ImportError as e:
                print(json.dumps({"error": str(e)}))
                sys.exit(3)
            started = time.perf_counter()
            df = pd.read_csv(sys.argv[1])
            summary = df.describe(include='all')
            seconds = time.perf_counter() - started
            print(json.dumps({"rows": len(df), "summaryShape": list(summary.shape), "seconds": seconds,
                              "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                              "pandasVersion": pd.__version__}))
            """;

    /** The Python side of one size; null figures when pandas could not run. */
    record PandasRun(Double seconds, Long peakRssBytes, String version, String error) {
    }

    /** One row of the table, as written to the JSON file. */
    record SizeResult(long rows, long csvBytes, double validateSeconds, double featuresSeconds,
            double validateRowsPerSecond, double featuresRowsPerSecond, double validateAndFeaturesRowsPerSecond,
            Double pandasSeconds, Double pandasRowsPerSecond, Double ratio, long javaPeakRssBytes,
            long javaHeapAfterGcBytes, Long pandasPeakRssBytes) {
    }

    record MemoryComparison(long smallRows, long largeRows, long smallPeakRssBytes, long largePeakRssBytes,
            double differencePercent, double goalPercent, boolean met) {
    }

    record Report(String generatedAt, String javaVersion, String javaXmx, int cpus, String pandasVersion,
            String pandasError, long seed, List<SizeResult> sizes, Double ratioGoal, Double minRatio, Boolean ratioGoalMet,
            MemoryComparison memory) {
    }

    private final Path outputDir;
    private final List<Long> sizes;
    private final String xmx;
    private final long seed;
    private final String python;
    private final boolean keepData;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    DataPathBenchmark(Path outputDir, Map<String, String> env) {
        this.outputDir = outputDir;
        this.sizes = sizes(env.getOrDefault("BENCH_ROWS", "1000000 4000000"));
        this.xmx = env.getOrDefault("BENCH_XMX", "512m");
        this.seed = Long.parseLong(env.getOrDefault("BENCH_SEED", "42"));
        this.python = env.getOrDefault("BENCH_PYTHON", "/usr/bin/python3");
        this.keepData = "1".equals(env.get("BENCH_KEEP_DATA"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DataPathBenchmark OUTPUT_DIR");
            System.exit(2);
        }
        new DataPathBenchmark(Path.of(args[0]), System.getenv()).run();
    }

    /** One size N means N and 4N: the memory comparison needs two sizes, and 1M vs 4M is the issue's. */
    static List<Long> sizes(String setting) {
        List<Long> parsed = Arrays.stream(setting.trim().split("[,\\s]+"))
                .map(s -> Long.parseLong(s.replace("_", ""))).sorted().distinct().toList();
        if (parsed.isEmpty() || parsed.getFirst() < 100) {
            throw new IllegalArgumentException("BENCH_ROWS: sizes of at least 100 rows (the spec's minRows), got '" + setting + "'");
        }
        return parsed.size() == 1 ? List.of(parsed.getFirst(), parsed.getFirst() * 4) : parsed;
    }

    void run() throws Exception {
        Files.createDirectories(outputDir);
        Path spec = outputDir.resolve("data-path.yaml");
        Files.writeString(spec, BenchDataset.SPEC_YAML);
        List<SizeResult> results = new ArrayList<>();
        List<PandasRun> pandasRuns = new ArrayList<>();
        for (long rows : sizes) {
            Path csv = outputDir.resolve("data-path-" + rows + ".csv");
            System.out.printf("[%,d rows] generating %s (seed %d)...%n", rows, csv, seed);
            long started = System.nanoTime();
            long bytes = BenchDataset.write(csv, rows, seed);
            System.out.printf("  wrote %,d MB in %.1f s%n", bytes / 1_000_000, (System.nanoTime() - started) / 1e9);

            System.out.printf("[%,d rows] Java: validate + features in a fresh JVM (-Xmx%s)...%n", rows, xmx);
            DataPathRun.Figures java = runJava(csv, spec, outputDir.resolve("data-path-" + rows + ".java.json"));

            System.out.printf("[%,d rows] pandas: read_csv + describe(include='all')...%n", rows);
            PandasRun pandas = runPandas(csv);
            pandasRuns.add(pandas);
            if (pandas.error() == null) {
                System.out.printf("  pandas %s took %.2f s%n", pandas.version(), pandas.seconds());
            } else {
                System.out.println("  pandas did not run: " + pandas.error());
            }
            results.add(result(rows, bytes, java, pandas));
            if (!keepData) {
                Files.delete(csv);
            }
        }
        Report report = report(results, pandasRuns);
        System.out.println();
        System.out.print(table(report));
        Path jsonFile = outputDir.resolve("data-path.json");
        json.writeValue(jsonFile.toFile(), report);
        System.out.println("Figures: " + jsonFile);
    }

    private DataPathRun.Figures runJava(Path csv, Path spec, Path resultFile) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                DataPathRun.class.getName(), csv.toString(), spec.toString(), resultFile.toString())
                .inheritIO().start();
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the Java run for " + csv.getFileName() + " failed (exit " + exit + "); see above");
        }
        return json.readValue(resultFile.toFile(), DataPathRun.Figures.class);
    }

    private PandasRun runPandas(Path csv) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(python, "-c", PANDAS_SCRIPT, csv.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return new PandasRun(null, null, null, python + " cannot be started (" + e.getMessage() + ")");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);
        JsonNode figures;
        try {
            figures = json.readTree(lastLine.isEmpty() ? "{}" : lastLine);
        } catch (JsonProcessingException e) {
            return new PandasRun(null, null, null, "unexpected output from " + python + ": " + lastLine);
        }
        if (figures.has("error")) {
            return new PandasRun(null, null, null, figures.get("error").asText() + "; install pandas with '"
                    + INSTALL_PANDAS + "'");
        }
        if (exit != 0 || !figures.has("seconds")) {
            return new PandasRun(null, null, null, python + " failed (exit " + exit + ", its errors above)");
        }
        return new PandasRun(figures.get("seconds").asDouble(), figures.get("peakRssBytes").asLong(),
                figures.get("pandasVersion").asText(), null);
    }

    private static SizeResult result(long rows, long bytes, DataPathRun.Figures java, PandasRun pandas) {
        double both = java.validateSeconds() + java.featuresSeconds();
        Double pandasRate = pandas.seconds() == null ? null : rows / pandas.seconds();
        return new SizeResult(rows, bytes, java.validateSeconds(), java.featuresSeconds(), rows / java.validateSeconds(),
                rows / java.featuresSeconds(), rows / both, pandas.seconds(), pandasRate,
                pandasRate == null ? null : (rows / both) / pandasRate, java.peakRssBytes(), java.heapAfterGcBytes(),
                pandas.peakRssBytes());
    }

    private Report report(List<SizeResult> results, List<PandasRun> pandasRuns) {
        SizeResult small = results.getFirst();
        SizeResult large = results.getLast();
        MemoryComparison memory = null;
        if (small.javaPeakRssBytes() > 0 && large.javaPeakRssBytes() > 0) {
            double percent = 100.0 * (large.javaPeakRssBytes() - small.javaPeakRssBytes()) / small.javaPeakRssBytes();
            memory = new MemoryComparison(small.rows(), large.rows(), small.javaPeakRssBytes(), large.javaPeakRssBytes(),
                    percent, MEMORY_GOAL_PERCENT, Math.abs(percent) <= MEMORY_GOAL_PERCENT);
        }
        Double minRatio = results.stream().allMatch(r -> r.ratio() != null)
                ? results.stream().mapToDouble(SizeResult::ratio).min().orElseThrow() : null;
        PandasRun firstPandas = pandasRuns.getFirst();
        return new Report(Instant.now().toString(), Runtime.version().toString(), xmx,
                Runtime.getRuntime().availableProcessors(), firstPandas.version(), firstPandas.error(), seed, results,
                RATIO_GOAL, minRatio, minRatio == null ? null : minRatio >= RATIO_GOAL, memory);
    }

    static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Data path: Java validate + features (JDK %s, %d CPUs, a fresh JVM per size, "
                + "-Xmx%s, cold JIT, one pass each) vs pandas %s read_csv + describe(include='all'); rows/s, higher is better%n",
                report.javaVersion(), report.cpus(), report.javaXmx(),
                report.pandasVersion() == null ? "(not run)" : report.pandasVersion()));
        String format = "%12s | %15s | %15s | %24s | %13s | %6s | %13s | %15s%n";
        out.append(String.format(Locale.ROOT, format, "rows", "validate rows/s", "features rows/s", "validate+features rows/s",
                "pandas rows/s", "ratio", "Java peak RSS", "pandas peak RSS"));
        out.append("-".repeat(139)).append('\n');
        for (SizeResult r : report.sizes()) {
            out.append(String.format(Locale.ROOT, format, count(r.rows()), count(r.validateRowsPerSecond()),
                    count(r.featuresRowsPerSecond()), count(r.validateAndFeaturesRowsPerSecond()),
                    r.pandasRowsPerSecond() == null ? "n/a" : count(r.pandasRowsPerSecond()),
                    r.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", r.ratio()),
                    mib(r.javaPeakRssBytes()), r.pandasPeakRssBytes() == null ? "n/a" : mib(r.pandasPeakRssBytes())));
        }
        out.append("-".repeat(139)).append('\n');
        for (SizeResult r : report.sizes()) {
            out.append(String.format(Locale.ROOT, "%12s rows: validate %.2f s, features %.2f s (2 passes), pandas %s; "
                    + "CSV %.1f MB; Java heap after a full GC at the end %s%n", count(r.rows()), r.validateSeconds(),
                    r.featuresSeconds(), r.pandasSeconds() == null ? "n/a" : String.format(Locale.ROOT, "%.2f s", r.pandasSeconds()),
                    r.csvBytes() / 1e6, mib(r.javaHeapAfterGcBytes())));
        }
        if (report.minRatio() != null) {
            out.append(String.format(Locale.ROOT, "Speed:  Java validate+features / pandas = %.2fx at worst (goal >= %.0fx): %s%n",
                    report.minRatio(), report.ratioGoal(), report.ratioGoalMet() ? "MET" : "NOT MET"));
        } else {
            out.append("Speed:  no ratio, pandas did not run (" + report.pandasError() + ")\n");
        }
        MemoryComparison m = report.memory();
        if (m != null) {
            out.append(String.format(Locale.ROOT, "Memory: Java peak RSS (VmHWM, whole JVM) %s at %s rows vs %s at %s rows: "
                    + "%+.1f%% (goal within %.0f%%): %s%n", mib(m.smallPeakRssBytes()), count(m.smallRows()),
                    mib(m.largePeakRssBytes()), count(m.largeRows()), m.differencePercent(), m.goalPercent(),
                    m.met() ? "MET" : "NOT MET"));
        } else {
            out.append("Memory: no peak RSS (/proc/self/status unreadable)\n");
        }
        return out.toString();
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
    }
}
