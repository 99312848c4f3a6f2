package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends a dataset to ingest (and, with --spec, the pipeline's spec first): a run starts. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a CSV or Parquet dataset to a pipeline; prints the run it started, or, when these bytes and the",
            "pipeline's spec ran or run already, that run and its result (--force runs them again)."})
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The dataset: CSV with a header row, or Parquet (told by its bytes).")
    Path file;

    @Option(names = "--pipeline", required = true, description = "The pipeline it feeds.")
    String pipeline;

    @Option(names = "--name", description = "The name it is stored under (default: the pipeline's).")
    String name;

    @Option(names = "--spec", paramLabel = "SPEC.yaml", description = "First make this the pipeline's spec.")
    Path specFile;

    @Option(names = "--force", description = "Run even if these bytes and the spec ran (or run) already.")
    boolean force;

    @Option(names = "--follow", description = {"Print the run live, event by event, until it ends, then its dashboard and",
        "report URLs. Exit code: 0 promoted (or passed the gate, or trained before), 2 dataset rejected, 3 refused by",
        "the gate, 4 a stage failed, 5 cancelled, 1 an error (or no end within 10 minutes)."})
    boolean follow;

    @Mixin
    StackChoice stack;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new CliException("no file " + file);
        }
        IngestClient ingest = new IngestClient(stack.config());
        PrintWriter out = spec.commandLine().getOut();
        if (specFile != null) {
            JsonNode saved = ingest.putSpec(pipeline, specFile);
            out.println("spec      " + specFile + " is pipeline " + saved.path("pipeline").asText() + "'s spec");
        }
        if (!follow) {
            JsonNode result = publish(ingest, out);
            if (PublishAnswers.started(result)) {
                out.println("Follow it: ./pipeline status " + result.path("runId").asText() + "   Dashboard: "
                        + RunFollower.dashboardUrl(stack.config(), result.path("runId").asText()));
            }
            return 0;
        }
        try (RunFollower follower = RunFollower.listening(stack.config(), out)) {
            long start = System.nanoTime();
            JsonNode result = publish(ingest, out);
            String runId = result.path("runId").asText();
            if (PublishAnswers.done(result)) {
                out.println("Dashboard: " + RunFollower.dashboardUrl(stack.config(), runId));
                return 0;
            }
            out.flush();
            return follower.follow(runId, start).exitCode();
        }
    }

    private JsonNode publish(IngestClient ingest, PrintWriter out) throws IOException, InterruptedException {
        JsonNode result = ingest.publish(pipeline, name, file, force);
        out.println("dataset   " + result.path("datasetUri").asText() + " (" + result.path("rows").asLong() + " rows, "
                + (result.path("storedNow").asBoolean() ? "stored now" : "already stored: same bytes") + ")");
        out.println("spec      " + result.path("specUri").asText());
        out.println(PublishAnswers.describe(result));
        return result;
    }
}
