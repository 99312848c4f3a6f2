package ml.pipeline.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.pipeline.cli.Main;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/**
 * The overhead of tracing on a whole run: publish to ModelPromoted, through the six packaged
 * services on the test stack, with tracing on (the default) and with the OpenTelemetry SDK off
 * ({@code quarkus.otel.sdk.disabled=true}), in alternating rounds of one run so that drift on the
 * machine falls on both sides. Each round restarts the services in its mode, publishes untimed
 * warm-up datasets (the first runs after a start are up to three times slower: every hop waits
 * longer), then times its runs: each a pipeline of its own and a dataset of its own seed, so that
 * every run trains (nothing is reused) and is its pipeline's first (promoted). On demand only
 * ({@code e2e/bench/tracing.sh}); never part of the build.
 *
 * <p>Usage: {@code TracingBenchmark OUTPUT_DIR ROUNDS RUNS_PER_ROUND ROWS WARMUPS}.
 */
public final class TracingBenchmark {
    private static final String TRACED = "traced";
    private static final String UNTRACED = "untraced";
    private static final Pattern RUN_ID = Pattern.compile("/ui/runs/([0-9a-zA-Z-]+)");

    private TracingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int runsPerRound = Integer.parseInt(args[2]);
        int rows = Integer.parseInt(args[3]);
        int warmups = Integer.parseInt(args[4]);
        Path checkout = StackRuntime.findCheckout();
        StackRuntime runtime = StackRuntime.ofCurrentJvm(checkout);
        PrintStream progress = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LocalStack stack = new LocalStack(StackConfig.load(checkout, StackConfig.Profile.TEST), runtime, progress);
        stack.up();
        LocalServices services = new LocalServices(stack, runtime, progress);
        String registry = "http://" + StackConfig.LOOPBACK + ":" + stack.config().services().port("registry");
        String spec = Files.readString(checkout.resolve("examples/churn.yaml"));
        String prefix = "bench-trace-" + Long.toString(System.currentTimeMillis(), 36);

        Map<String, List<Double>> seconds = new LinkedHashMap<>(Map.of(TRACED, new ArrayList<>(), UNTRACED, new ArrayList<>()));
        try {
            for (int round = 0; round < rounds; round++) {
                String mode = round % 2 == 0 ? TRACED : UNTRACED;
                services.down();
                for (String name : LocalServices.NAMES) {
                    services.startWith(name, Map.of("quarkus.otel.sdk.disabled", String.valueOf(mode.equals(UNTRACED))));
                }
                for (int run = -warmups; run < runsPerRound; run++) {
                    String pipeline = prefix + "-" + round + "-" + (run < 0 ? "warmup" + -run : run);
                    double took = publishAndFollow(out, pipeline, spec, rows, 1000L * round + run + 100, registry, mode);
                    if (run >= 0) {
                        seconds.get(mode).add(took);
                    }
                    progress.printf(Locale.ROOT, "round %d (%s) %s: %.2f s%n", round + 1, mode, run < 0 ? "warm-up" : "run " + (run + 1), took);
                }
            }
        } finally {
            services.down();
        }

        double traced = median(seconds.get(TRACED));
        double untraced = median(seconds.get(UNTRACED));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", rows);
        figures.put("roundsPerMode", (rounds + 1) / 2);
        figures.put("runsPerRound", runsPerRound);
        figures.put("warmupsPerRound", warmups);
        figures.put("meanTraced", mean(seconds.get(TRACED)));
        figures.put("meanUntraced", mean(seconds.get(UNTRACED)));
        figures.put("secondsTraced", seconds.get(TRACED));
        figures.put("secondsUntraced", seconds.get(UNTRACED));
        figures.put("medianTraced", traced);
        figures.put("medianUntraced", untraced);
        figures.put("ratioTracedToUntraced", traced / untraced);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("tracing.json").toFile(), figures);
        progress.println();
        progress.printf(Locale.ROOT, "publish -> ModelPromoted, median of %d runs each (%d rows):%n",
                seconds.get(TRACED).size(), rows);
        progress.printf(Locale.ROOT, "  traced    %.2f s (mean %.2f)%n  untraced  %.2f s (mean %.2f)%n"
                + "  ratio     %.3f (traced / untraced, medians; means: %.3f)%n", traced, mean(seconds.get(TRACED)), untraced,
                mean(seconds.get(UNTRACED)), traced / untraced, mean(seconds.get(TRACED)) / mean(seconds.get(UNTRACED)));
        progress.println("Figures: " + out.resolve("tracing.json"));
    }

    /**
     * Seconds from the publish to the run's end, as {@code ./pipeline publish --follow} sees it;
     * fails unless promoted, and, untraced, unless the run really left no spans.
     */
    private static double publishAndFollow(Path out, String pipeline, String spec, int rows, long seed, String registry,
            String mode) throws Exception {
        Path specFile = out.resolve(pipeline + ".yaml");
        Files.writeString(specFile, spec.replace("pipeline: churn", "pipeline: " + pipeline)
                .replace("name: churn-classifier", "name: " + pipeline));
        Path data = out.resolve(pipeline + ".csv");
        Files.writeString(data, ChurnGenerator.csv(rows, seed, ChurnGenerator.Labels.LEARNABLE));
        StringWriter said = new StringWriter();
        long start = System.nanoTime();
        int exit = Main.commandLine().setOut(new PrintWriter(said)).setErr(new PrintWriter(said))
                .execute("publish", data.toString(), "--pipeline", pipeline, "--spec", specFile.toString(), "--follow", "--test");
        double took = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(pipeline + " did not end promoted (exit " + exit + "):\n" + said);
        }
        Files.delete(data);
        Matcher run = RUN_ID.matcher(said.toString());
        if (mode.equals(UNTRACED) && run.find()) {
            Thread.sleep(2000); // longer than the services' ship interval: spans there would have arrived
            String trace = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry + "/api/v1/runs/" + run.group(1) + "/trace")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!trace.contains("\"spans\":[]")) {
                throw new IllegalStateException("an untraced run left spans: the SDK was not off: " + trace);
            }
        }
        return took;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
