package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the registry knows and does: a run's timeline and lineage, a pipeline's runs, its model
 * versions and their history; stage and alias moves, rollback, cancel and retry.
 */
final class RegistryCommands {
    private RegistryCommands() {
    }

    /** A command that talks to the registry of the chosen stack. */
    abstract static class RegistryCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StackChoice stack;

        RegistryClient registry() {
            return new RegistryClient(stack.config());
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A run: its status, timeline and lineage.")
    static final class Status extends RegistryCommand {
        @Parameters(paramLabel = "RUN", description = "The run id (publish and demo print it).")
        String runId;

        @Override
        public Integer call() throws Exception {
            JsonNode answer = registry().get("/api/v1/runs/" + runId);
            if (answer.isMissingNode()) {
                throw new CliException("the registry has no run " + runId);
            }
            JsonNode run = answer.path("run");
            out().printf("run %s of %s: %s (last stage %s)%n", runId, run.path("pipeline").asText(),
                    run.path("status").asText(), run.path("lastStage").asText());
            for (JsonNode event : answer.path("timeline")) {
                out().printf("  %s  %-20s %-10s %s%n", event.path("occurredAt").asText(), event.path("topic").asText(),
                        event.path("producer").asText(), event.path("summary").asText());
            }
            out().println("lineage:");
            answer.path("lineage").fields().forEachRemaining(e -> out().printf("  %-17s %s%n", e.getKey(), e.getValue().asText()));
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "A pipeline's runs, newest first.")
    static final class Runs extends RegistryCommand {
        @Parameters(paramLabel = "PIPELINE")
        String pipeline;

        @Override
        public Integer call() throws Exception {
            Table table = new Table(out(), 36, 9, 9, 28, 0).row("RUN", "STATUS", "STAGE", "STARTED", "DATASET");
            for (JsonNode run : registry().get("/api/v1/pipelines/" + pipeline + "/runs")) {
                String version = run.path("datasetVersion").asText();
                table.row(run.path("runId").asText(), run.path("status").asText(), run.path("lastStage").asText(),
                        run.path("startedAt").asText(),
                        run.path("datasetName").asText() + "@" + version.substring(0, Math.min(12, version.length())));
            }
            return 0;
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true, description = "A pipeline's registered model versions.")
    static final class Models extends RegistryCommand {
        @Parameters(paramLabel = "PIPELINE")
        String pipeline;

        @Override
        public Integer call() throws Exception {
            Table table = new Table(out(), 20, 7, 10, 20, 0).row("MODEL", "VERSION", "STAGE", "TRAINING RUN", "METRICS");
            for (JsonNode version : registry().get("/api/v1/pipelines/" + pipeline + "/versions")) {
                table.row(version.path("model").asText(), version.path("version").asText(), version.path("stage").asText(),
                        version.path("trainingRunId").asText(), version.path("metrics").asText());
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A model's stage changes and alias moves, oldest first: who moved what where, why, and what it beat.")
    static final class History extends RegistryCommand {
        @Parameters(paramLabel = "MODEL", description = "The model's name (the spec's model.name, else the pipeline's).")
        String model;

        @Override
        public Integer call() throws Exception {
            JsonNode history = registry().get("/api/v1/models/" + model + "/history");
            if (history.isEmpty()) {
                throw new CliException("the registry has no stage change of model '" + model + "'");
            }
            Table table = new Table(out(), 28, 7, 26, 10, 13, 0).row("AT", "VERSION", "CHANGE", "BY", "COMPARED WITH", "REASON");
            for (JsonNode change : history) {
                table.row(change.path("at").asText(), change.path("version").asText("-"), describe(change),
                        change.path("by").asText(),
                        change.path("comparedWith").isNull() ? "-" : "v" + change.path("comparedWith").asText(),
                        change.path("reason").asText());
            }
            return 0;
        }

        private static String describe(JsonNode change) {
            if ("alias".equals(change.path("kind").asText())) {
                String previous = change.path("previousVersion").isNull() ? "none" : "v" + change.path("previousVersion").asText();
                String now = change.path("version").isNull() ? "removed" : "v" + change.path("version").asText();
                return "@" + change.path("alias").asText() + " " + previous + " -> " + now;
            }
            String share = change.path("trafficShare").isNull() ? "" : " (" + change.path("trafficShare").asDouble() + ")";
            return change.path("from").asText() + " -> " + change.path("to").asText() + share;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Move a model version to a stage by hand: staging, canary (with a share of the traffic),",
                "production (approvers only) or archived. The version that held the stage is archived."})
    static final class Promote extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version to move.")
        int version;

        @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "staging, canary, production or archived.")
        String stage;

        @Option(names = "--traffic-share", paramLabel = "SHARE",
                description = "For a canary: its share of the traffic, above 0 and below 1 (default 0.1).")
        Double trafficShare;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded in the history.")
        String reason;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new HashMap<>();
            body.put("stage", stage);
            body.put("trafficShare", trafficShare);
            body.put("reason", reason);
            JsonNode change = registry().put("/api/v1/models/" + model + "/versions/" + version + "/stage", body);
            if (!change.path("changed").asBoolean(true)) {
                out().printf("%s version %d is %s already: nothing changed%n", model, version, change.path("stage").asText());
                return 0;
            }
            String share = change.path("trafficShare").isNull() ? "" : " with " + change.path("trafficShare").asDouble()
                    + " of the traffic";
            String replaced = change.path("previousVersion").asInt() == 0 ? ""
                    : " (it replaced version " + change.path("previousVersion").asInt() + ", now archived)";
            out().printf("%s version %d is %s%s%s%n", model, version, change.path("stage").asText(), share, replaced);
            return 0;
        }
    }

    @Command(name = "alias", mixinStandardHelpOptions = true,
            description = {"Point a model's alias (champion, challenger, any name) at a version, or remove it;",
                "serving systems resolve models:/MODEL@ALIAS."})
    static final class Alias extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
        String model;

        @Parameters(index = "1", paramLabel = "ALIAS", description = "Lower-case letters, digits, '-' and '_'.")
        String alias;

        @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION", description = "The version it is to name.")
        Integer version;

        @Option(names = "--remove", description = "Remove the alias instead.")
        boolean remove;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded in the history.")
        String reason;

        @Override
        public Integer call() throws Exception {
            String path = "/api/v1/models/" + model + "/aliases/" + alias;
            if (remove == (version != null)) {
                throw new CliException("give either a VERSION for @" + alias + " or --remove");
            }
            JsonNode change = remove
                    ? registry().delete(path + (reason == null ? "" : "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)))
                    : registry().put(path, withReason(Map.of("version", version)));
            String before = change.path("previousVersion").isNull() ? "no version" : "version " + change.path("previousVersion").asInt();
            out().printf(remove ? "models:/%s@%s removed (it named %s)%n" : "models:/%s@%s names version %s now (before: %s)%n",
                    model, alias, remove ? before : change.path("version").asText(), before);
            return 0;
        }

        private Map<String, Object> withReason(Map<String, Object> fields) {
            Map<String, Object> body = new HashMap<>(fields);
            body.put("reason", reason);
            return body;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Which version a model uri names now: models:/MODEL@ALIAS, models:/MODEL/VERSION or models:/MODEL/STAGE.")
    static final class Resolve extends RegistryCommand {
        @Parameters(paramLabel = "URI", description = "e.g. models:/churn-classifier@champion")
        String uri;

        @Override
        public Integer call() throws Exception {
            JsonNode version = registry().get("/api/v1/resolve?uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
            if (version.isMissingNode()) {
                throw new CliException(uri + " names no version");
            }
            out().printf("%s -> %s version %d (%s)%n  artifact  %s%n  transform %s%n  metrics   %s%n", uri,
                    version.path("model").asText(), version.path("version").asInt(), version.path("stage").asText(),
                    version.path("artifactUri").asText(), version.path("transformUri").asText(), version.path("metrics").asText());
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Put a model's earlier version back in production (by default the one before the current).")
    static final class Rollback extends RegistryCommand {
        @Parameters(paramLabel = "MODEL", description = "The model's name.")
        String model;

        @Option(names = "--to", paramLabel = "V", description = "The version to put back (default: the previous production).")
        Integer version;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: recorded in the history.")
        String reason;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new HashMap<>();
            body.put("version", version);
            body.put("reason", reason);
            JsonNode change = registry().post("/api/v1/models/" + model + "/rollback", body);
            out().printf("%s version %d is in production again (it replaced version %d): %s%n", model,
                    change.path("version").asInt(), change.path("previousVersion").asInt(), reason);
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel a running run: its training stops at the next step (checkpoints kept),",
                "and nothing downstream happens."})
    static final class Cancel extends RegistryCommand {
        @Parameters(paramLabel = "RUN", description = "The run id (publish prints it).")
        String runId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why: recorded in the run's timeline.")
        String reason;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new HashMap<>();
            body.put("reason", reason);
            JsonNode outcome = registry().post("/api/v1/runs/" + runId + "/cancel", body);
            out().println("run " + runId + " is " + outcome.path("status").asText()
                    + ": its training stops at the next step; nothing downstream happens");
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Continue a failed run from the stage that gave up: its input event is sent to it again.")
    static final class Retry extends RegistryCommand {
        @Parameters(paramLabel = "RUN", description = "The failed run's id.")
        String runId;

        @Override
        public Integer call() throws Exception {
            JsonNode retry = registry().post("/api/v1/runs/" + runId + "/retry", Map.of());
            out().println("run " + runId + " is running again from " + retry.path("stage").asText() + " (the event of "
                    + retry.path("topic").asText() + " sent again)");
            return 0;
        }
    }
}
