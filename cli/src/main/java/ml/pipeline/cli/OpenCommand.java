package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Where to look at a run: its dashboard page, its evaluation report and the report's place in the store. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Print the dashboard URL of a run and, once it was evaluated, its report's URL and object.")
final class OpenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (./pipeline runs PIPELINE lists them).")
    String runId;

    @Mixin
    StackChoice stack;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode run = new RegistryClient(stack.config()).get("/api/v1/runs/" + runId);
        if (run.isMissingNode()) {
            throw new CliException("the registry has no run " + runId + " (./pipeline runs PIPELINE lists them)");
        }
        out.println("Dashboard: " + RunFollower.dashboardUrl(stack.config(), runId));
        out.println("Pipeline:  " + RegistryClient.baseUrl(stack.config()) + "/ui/experiments/" + run.path("run").path("pipeline").asText());
        boolean evaluated = false;
        for (JsonNode entry : run.path("timeline")) {
            evaluated |= "models.evaluated".equals(entry.path("topic").asText());
        }
        if (evaluated) {
            out.println("Report:    " + RunFollower.reportUrl(stack.config(), runId));
            String report = run.path("lineage").path("evaluationReport").asText("");
            if (!report.isEmpty()) {
                out.println("           (in the store: " + report.replaceAll("report\\.json$", "report.html") + ")");
            }
        } else {
            out.println("Report:    none yet (run " + run.path("run").path("status").asText() + ")");
        }
        JsonNode lineage = run.path("lineage");
        if (lineage.hasNonNull("model")) {
            out.println("Model:     " + RegistryClient.baseUrl(stack.config()) + "/ui/models/" + lineage.path("model").asText()
                    + "?version=" + lineage.path("version").asText());
        }
        return 0;
    }
}
