package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The experiment tracker from the command line: a pipeline's experiments and training runs, one
 * run's record, two runs side by side, and a reproduction of a run from its exact inputs.
 */
final class TrackingCommands {
    private TrackingCommands() {
    }

    private abstract static class TrackingCommand extends RegistryCommands.RegistryCommand {
        JsonNode details(String trainingRunId) throws Exception {
            JsonNode details = registry().get("/api/v1/training-runs/" + trainingRunId);
            if (details.isMissingNode()) {
                throw new CliException("the registry has no training run " + trainingRunId
                        + " (./pipeline experiments PIPELINE lists them)");
            }
            return details;
        }
    }

    @Command(name = "experiments", mixinStandardHelpOptions = true,
            description = "A pipeline's experiments and their training runs (a search's trials among them), newest first"
                    + " or ordered by a metric.")
    static final class Experiments extends TrackingCommand {
        @Parameters(paramLabel = "PIPELINE")
        String pipeline;

        @Option(names = "--status", description = "Only runs with this status: running, completed, early_stopped, halved.")
        String status;

        @Option(names = "--order-by", description = "A metric of the runs' newest checkpoint (e.g. val_roc_auc), or best.")
        String orderBy;

        @Override
        public Integer call() throws Exception {
            JsonNode experiments = registry().get("/api/v1/pipelines/" + pipeline + "/experiments");
            if (experiments.isMissingNode() || experiments.isEmpty()) {
                out().printf("no training run of %s is recorded yet%n", pipeline);
                return 0;
            }
            for (JsonNode experiment : experiments) {
                out().printf("experiment %s: %d training runs, %d searches, gate candidates %s%n",
                        experiment.path("name").asText(), experiment.path("trainingRuns").asLong(),
                        experiment.path("searches").asLong(), experiment.path("winners"));
            }
            String query = "?" + (status == null ? "" : "status=" + status + "&") + (orderBy == null ? "" : "orderBy=" + orderBy);
            Table table = new Table(out(), 30, 5, 13, 7, 22, 0).row("TRAINING RUN", "TRIAL", "STATUS", "STEP", "BEST",
                    "HYPERPARAMETERS");
            for (JsonNode run : registry().get("/api/v1/pipelines/" + pipeline + "/training-runs" + query)) {
                table.row(run.path("trainingRunId").asText() + (run.path("winner").asBoolean() ? " *" : ""),
                        run.path("trial").asInt() == 0 ? "-" : run.path("trial").asInt() + "/" + run.path("trials").asInt(),
                        run.path("status").asText(), run.path("lastStep").asLong(), best(run), varied(run));
            }
            out().println("* went to the gate (a search's winner, or a run without a search)");
            return 0;
        }

        private static String varied(JsonNode run) {
            JsonNode p = run.path("hyperparameters");
            return "lr " + p.path("learningRate").asText() + ", layers " + p.path("hiddenLayers").asText() + ", batch "
                    + p.path("batchSize").asText() + ", epochs " + p.path("epochs").asText();
        }
    }

    @Command(name = "run-info", mixinStandardHelpOptions = true,
            description = "One training run: hyperparameters, environment, code version, lineage, best checkpoint and metric history.")
    static final class RunInfo extends TrackingCommand {
        @Parameters(paramLabel = "TRAINING_RUN", description = "A training run id (./pipeline experiments lists them).")
        String trainingRunId;

        @Override
        public Integer call() throws Exception {
            JsonNode d = details(trainingRunId);
            JsonNode run = d.path("run");
            out().printf("training run %s of %s (experiment %s), pipeline run %s%n", trainingRunId, run.path("pipeline").asText(),
                    run.path("experiment").asText(), run.path("runId").asText());
            out().printf("  status          %s%s%n", run.path("status").asText(), run.path("winner").asBoolean()
                    ? " (went to the gate)" : "");
            if (run.path("trial").asInt() > 0) {
                out().printf("  trial           %d of %d in search %s%n", run.path("trial").asInt(), run.path("trials").asInt(),
                        run.path("searchId").asText());
            }
            if (!run.path("reproduces").isNull() && !run.path("reproduces").isMissingNode()) {
                out().printf("  reproduces      %s%n", run.path("reproduces").asText());
            }
            out().printf("  steps           %d (epoch %d)%n", run.path("lastStep").asLong(), run.path("lastEpoch").asInt());
            out().printf("  best            %s, parameters sha256 %s%n", best(run), d.path("bestParametersSha256").asText());
            out().printf("  code version    %s%n", d.path("codeVersion").asText());
            out().printf("  dataset         %s@%s (%s)%n", d.path("datasetName").asText(), d.path("datasetVersion").asText(),
                    d.path("datasetUri").asText());
            out().printf("  spec            %s%n", d.path("specUri").asText());
            out().printf("  transform       %s%n", d.path("transformVersion").asText());
            out().println("hyperparameters:");
            run.path("hyperparameters").fields().forEachRemaining(e -> out().printf("  %-24s %s%n", e.getKey(), e.getValue().asText()));
            out().println("environment:");
            d.path("environment").fields().forEachRemaining(e -> out().printf("  %-24s %s%n", e.getKey(), e.getValue().asText()));
            out().println("metric history:");
            List<String> names = new ArrayList<>(new TreeSet<>(names(d.path("history"))));
            List<Object> header = new ArrayList<>(List.of("STEP", "EPOCH"));
            header.addAll(names);
            int[] widths = new int[names.size() + 2];
            java.util.Arrays.fill(widths, 12);
            widths[0] = 8;
            widths[1] = 5;
            widths[widths.length - 1] = 0;
            Table table = new Table(out(), widths).row(header.toArray());
            for (JsonNode checkpoint : d.path("history")) {
                List<Object> cells = new ArrayList<>(List.of(checkpoint.path("step").asLong(), checkpoint.path("epoch").asInt()));
                names.forEach(name -> cells.add(number(checkpoint.path("metrics").path(name))));
                table.row(cells.toArray());
            }
            return 0;
        }

        private static List<String> names(JsonNode history) {
            List<String> names = new ArrayList<>();
            history.forEach(c -> c.path("metrics").fieldNames().forEachRemaining(names::add));
            return names;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Two training runs side by side: hyperparameters, then the metrics of their best and newest checkpoints.")
    static final class Compare extends TrackingCommand {
        @Parameters(index = "0", paramLabel = "RUN_A", description = "A training run id.")
        String first;

        @Parameters(index = "1", paramLabel = "RUN_B", description = "Another training run id.")
        String second;

        @Override
        public Integer call() throws Exception {
            JsonNode a = details(first);
            JsonNode b = details(second);
            Table table = new Table(out(), 26, 24, 24, 0).row("", first, second, "");
            section(table, "hyperparameters", a.path("run").path("hyperparameters"), b.path("run").path("hyperparameters"));
            table.row("status", a.path("run").path("status").asText(), b.path("run").path("status").asText(), "");
            table.row("best step", a.path("run").path("bestStep").asText(), b.path("run").path("bestStep").asText(), "");
            section(table, "at the best checkpoint", a.path("bestMetrics"), b.path("bestMetrics"));
            section(table, "at the newest checkpoint", a.path("run").path("lastMetrics"), b.path("run").path("lastMetrics"));
            table.row("code version", shortened(a.path("codeVersion").asText()), shortened(b.path("codeVersion").asText()), "");
            table.row("dataset", shortened(a.path("datasetVersion").asText()), shortened(b.path("datasetVersion").asText()), "");
            out().println("(* differs)");
            return 0;
        }

        private void section(Table table, String title, JsonNode left, JsonNode right) {
            table.row(title + ":", "", "", "");
            TreeSet<String> keys = new TreeSet<>();
            left.fieldNames().forEachRemaining(keys::add);
            right.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String l = text(left.path(key));
                String r = text(right.path(key));
                table.row("  " + key, l, r, Objects.equals(l, r) ? "" : "*");
            }
        }

        private static String text(JsonNode value) {
            return value.isNumber() ? number(value) : value.asText("-");
        }
    }

    @Command(name = "reproduce", mixinStandardHelpOptions = true,
            description = {"Trains a training run again from its exact inputs: republishes its dataset version with its"
                    + " spec snapshot as a reproduction (trained into runs of its own, never evaluated or registered),"
                    + " follows it, and shows whether the same parameters came out.",
                    "Exits 0 when they did (the same hyperparameters, best step, metrics and parameter hash; for a search,"
                            + " the same winning trial), 1 when they did not."})
    static final class Reproduce extends TrackingCommand {
        @Parameters(paramLabel = "TRAINING_RUN", description = "The training run to reproduce.")
        String trainingRunId;

        @Option(names = "--timeout", defaultValue = "PT30M", description = "How long to wait for it (ISO-8601, default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            JsonNode original = details(trainingRunId);
            JsonNode run = original.path("run");
            String pipeline = run.path("pipeline").asText();
            JsonNode published = new IngestClient(stack.config()).reproduce(pipeline, original.path("datasetName").asText(),
                    original.path("datasetUri").asText(), original.path("specHash").asText(), trainingRunId);
            String reproduction = published.path("runId").asText();
            out().printf("republished %s@%s with spec snapshot %s as run %s; training again...%n",
                    original.path("datasetName").asText(), shortened(original.path("datasetVersion").asText()),
                    shortened(original.path("specHash").asText()), reproduction);
            out().flush();
            JsonNode again = await(pipeline, reproduction, run.path("trial").asInt());
            JsonNode copy = details(again.path("trainingRunId").asText());
            List<String> differences = new ArrayList<>();
            compare(differences, "hyperparameters", run.path("hyperparameters"), copy.path("run").path("hyperparameters"));
            compare(differences, "best step", run.path("bestStep"), copy.path("run").path("bestStep"));
            compare(differences, "metrics at the best checkpoint", original.path("bestMetrics"), copy.path("bestMetrics"));
            compare(differences, "parameters sha256", original.path("bestParametersSha256"), copy.path("bestParametersSha256"));
            if (run.path("trial").asInt() > 0) {
                JsonNode originalWinner = winner(pipeline, run.path("runId").asText());
                JsonNode newWinner = winner(pipeline, reproduction);
                compare(differences, "winning trial", originalWinner == null ? null : originalWinner.path("trial"),
                        newWinner == null ? null : newWinner.path("trial"));
                out().printf("winning trial: %s then, %s now%n", originalWinner == null ? "-" : originalWinner.path("trial"),
                        newWinner == null ? "-" : newWinner.path("trial"));
            }
            out().printf("%s (original) against %s (reproduction):%n", trainingRunId, again.path("trainingRunId").asText());
            out().printf("  best step %s, %s %s, parameters sha256 %s%n", copy.path("run").path("bestStep").asText(),
                    copy.path("run").path("bestMetric").asText(), number(copy.path("run").path("bestValue")),
                    copy.path("bestParametersSha256").asText());
            if (!differences.isEmpty()) {
                differences.forEach(d -> out().println("  differs: " + d));
                out().println("NOT reproduced");
                return 1;
            }
            out().println("reproduced: the same hyperparameters, best step, metrics and parameters, bit for bit");
            return 0;
        }

        /** The reproduction's counterpart of the original trial, once the reproduction's training has ended. */
        private JsonNode await(String pipeline, String reproduction, int trial) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            Instant nextReport = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                JsonNode status = registry().get("/api/v1/runs/" + reproduction).path("run").path("status");
                if (List.of("failed", "cancelled", "rejected").contains(status.asText())) {
                    throw new CliException("the reproduction run " + reproduction + " ended " + status.asText()
                            + " (./pipeline status " + reproduction + " says why)");
                }
                JsonNode runs = registry().get("/api/v1/pipelines/" + pipeline + "/training-runs?run=" + reproduction);
                boolean done = false;
                JsonNode counterpart = null;
                for (JsonNode r : runs) {
                    done |= r.path("winner").asBoolean();
                    if (r.path("trial").asInt() == trial) {
                        counterpart = r;
                    }
                }
                if (done && counterpart != null) {
                    return counterpart;
                }
                if (!Instant.now().isBefore(nextReport)) {
                    out().printf("  ... %d training runs recorded, %d ended%n", runs.size(), count(runs));
                    out().flush();
                    nextReport = Instant.now().plusSeconds(10);
                }
                Thread.sleep(500);
            }
            throw new CliException("the reproduction run " + reproduction + " did not finish training within " + timeout);
        }

        private JsonNode winner(String pipeline, String pipelineRun) throws Exception {
            for (JsonNode r : registry().get("/api/v1/pipelines/" + pipeline + "/training-runs?run=" + pipelineRun)) {
                if (r.path("winner").asBoolean()) {
                    return r;
                }
            }
            return null;
        }

        private static long count(JsonNode runs) {
            long ended = 0;
            for (JsonNode r : runs) {
                ended += "running".equals(r.path("status").asText()) ? 0 : 1;
            }
            return ended;
        }

        private static void compare(List<String> differences, String what, JsonNode then, JsonNode now) {
            if (!Objects.equals(then, now)) {
                differences.add(what + ": " + then + " then, " + now + " now");
            }
        }
    }

    static String best(JsonNode run) {
        return run.path("bestMetric").asText("-") + " " + number(run.path("bestValue")) + " @" + run.path("bestStep").asText();
    }

    static String number(JsonNode value) {
        return value.isNumber() ? String.format("%.4f", value.asDouble()) : value.isMissingNode() || value.isNull() ? "-"
                : value.asText();
    }

    static String shortened(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
