package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A pipeline's source (the spec's {@code source:}) as ingest runs it: where it reads, its
 * schedule, whether it is paused and how its polls went; {@code --pause}, {@code --resume} and
 * {@code --poll} act on it first (a publisher's or admin's token).
 */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "A pipeline's source (s3Prefix or jdbc, polled on its schedule): its status; pause, resume or poll it now.")
final class SourcesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackChoice stack;

    @Parameters(paramLabel = "PIPELINE")
    String pipeline;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--pause", description = "Stop its scheduled polls (on every ingest replica) until --resume.")
        boolean pause;

        @Option(names = "--resume", description = "Poll it on its schedule again.")
        boolean resume;

        @Option(names = "--poll", description = "Poll it once now (also when paused) and show what came of it.")
        boolean poll;
    }

    @Override
    public Integer call() throws Exception {
        IngestClient ingest = new IngestClient(stack.config());
        String path = "/api/v1/pipelines/" + pipeline + "/sources";
        PrintWriter out = spec.commandLine().getOut();
        if (action != null) {
            ingest.post(path + (action.pause ? "/pause" : action.resume ? "/resume" : "/poll"));
        }
        JsonNode sources = ingest.get(path);
        if (sources.isEmpty()) {
            out.printf("pipeline %s has no source: add a source: block (s3Prefix or jdbc, and a schedule) to its spec%n", pipeline);
            return 0;
        }
        for (JsonNode source : sources) {
            JsonNode status = source.path("status");
            out.printf("%s source of %s: %s%n", source.path("kind").asText(), pipeline, source.path("location").asText());
            out.printf("  schedule     %s%s%n", source.path("schedule").asText(), source.path("paused").asBoolean() ? "  (paused)" : "");
            out.printf("  polls        %d%s%n", status.path("polls").asLong(), status.hasNonNull("lastPollAt")
                    ? ", last at " + status.path("lastPollAt").asText() + ": " + status.path("lastOutcome").asText()
                    + " (" + status.path("lastMessage").asText() + ")" : " (not polled yet)");
            if (!status.path("lastRuns").isEmpty()) {
                status.path("lastRuns").forEach(run -> out.printf("  started run  %s%n", run.asText()));
            }
            out.printf("  runs started %d%s%n", status.path("runsStarted").asLong(), status.hasNonNull("lastPublishedAt")
                    ? ", last at " + status.path("lastPublishedAt").asText() : "");
            out.printf("  seen         %d content hashes%n", source.path("seenCount").asInt());
            if (status.hasNonNull("lastError")) {
                out.printf("  last error   %s: %s%n", status.path("lastErrorAt").asText(), status.path("lastError").asText());
            }
        }
        return 0;
    }
}
