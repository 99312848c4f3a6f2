package ml.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What ingest's answer to a publish says, in one line: the run started, the run going on, or the run that ended. */
final class PublishAnswers {
    private PublishAnswers() {
    }

    static boolean started(JsonNode answer) {
        return "started".equals(answer.path("outcome").asText("started"));
    }

    static boolean done(JsonNode answer) {
        return "done".equals(answer.path("outcome").asText());
    }

    static String describe(JsonNode answer) {
        String run = answer.path("runId").asText();
        String pipeline = answer.path("pipeline").asText();
        return switch (answer.path("outcome").asText("started")) {
            case "running" -> "already running: run " + run + " of pipeline " + pipeline
                    + " has the same bytes and spec (--force to run them again)";
            case "done" -> (answer.hasNonNull("version")
                    ? "already done: version " + answer.path("version").asInt() + " (now " + answer.path("stage").asText()
                            + "), from run " + run
                    : "already done: run " + run + " ended " + answer.path("status").asText()
                            + (answer.hasNonNull("reason") ? ": " + answer.path("reason").asText() : ""))
                    + " (--force to run them again)";
            default -> "run       " + run + " of pipeline " + pipeline;
        };
    }
}
