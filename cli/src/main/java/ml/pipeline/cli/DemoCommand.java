package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import ml.pipeline.cli.demo.ChurnGenerator;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: the stack and the six services up, the demo pipeline registered, a generated
 * dataset published, and the run followed live, event by event, to ModelPromoted (or to the
 * stage that stopped it, with its reasons).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start everything, publish the demo dataset (a seeded churn generator, see ChurnGenerator),",
            "follow the run live to ModelPromoted, and print the model, its metrics and its lineage."})
final class DemoCommand implements Callable<Integer> {
    static final String PIPELINE = "churn";
    /** The same seed every time: the same bytes, so a second demo finds its model already trained. */
    static final long SEED = 42;

    @Spec
    CommandSpec spec;

    @Option(names = "--worse", description = "Publish a degraded dataset (labels at random): the gate refuses its model.")
    boolean worse;

    @Option(names = "--rows", defaultValue = "2000", description = "Rows of the generated dataset (default ${DEFAULT-VALUE}).")
    int rows;

    @Mixin
    StackChoice stackChoice;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintStream progress = new PrintStream(System.out, true);
        Path checkout = StackRuntime.findCheckout();
        StackRuntime runtime = StackRuntime.ofCurrentJvm(checkout);
        LocalStack stack = Checkout.stack(stackChoice.testStack, progress);
        stack.up();
        new LocalServices(stack, runtime, progress).up();
        StackConfig config = stack.config();

        Path folder = Files.createDirectories(config.home().resolve("demo"));
        Path data = folder.resolve(worse ? "churn-worse.csv" : "churn.csv");
        ChurnGenerator.Labels labels = worse ? ChurnGenerator.Labels.RANDOM : ChurnGenerator.Labels.LEARNABLE;
        Files.writeString(data, ChurnGenerator.csv(rows, SEED, labels));
        Path specFile = folder.resolve("churn.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/churn.yaml")) {
            Files.write(specFile, in.readAllBytes());
        }
        IngestClient ingest = new IngestClient(config);
        ingest.putSpec(PIPELINE, specFile);
        out.println();
        out.println("Pipeline '" + PIPELINE + "' spec: " + specFile);

        try (RunFollower follower = RunFollower.listening(config, out)) {
            long start = System.nanoTime();
            JsonNode published = ingest.publish(PIPELINE, null, data, false);
            String runId = published.path("runId").asText();
            out.printf("Published %s: %d rows, sha256 %s (%s)%n", data, published.path("rows").asLong(),
                    published.path("datasetVersion").asText().substring(0, 16) + "...",
                    published.path("storedNow").asBoolean() ? "stored now" : "the same bytes were stored before");
            if (PublishAnswers.done(published)) {
                out.println();
                out.println("Nothing new, " + PublishAnswers.describe(published) + ".");
                out.println("This data and spec were run before: no model was trained or promoted again.");
                out.println("Dashboard: " + RunFollower.dashboardUrl(config, runId));
                out.println("Report:    " + RunFollower.reportUrl(config, runId));
                return 0;
            }
            out.println(PublishAnswers.started(published) ? "Run " + runId + ", live:"
                    : "Run " + runId + " of the same data and spec is going on; following it:");
            out.flush();
            RunFollower.Ending ending = follower.follow(runId, start);
            return ending == RunFollower.Ending.REJECTED || ending == RunFollower.Ending.FAILED ? 1 : 0;
        }
    }
}
