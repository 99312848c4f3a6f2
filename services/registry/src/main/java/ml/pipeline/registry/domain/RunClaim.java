package ml.pipeline.registry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import ml.pipeline.core.run.RunReuse;
import ml.pipeline.core.run.RunStatus;
import ml.pipeline.core.spec.ModelStage;

/**
 * The answer to "may these bytes and this spec start a run?": {@code started} (a new run, its id),
 * {@code running} (the run going on) or {@code done} (the run that ended: its status, the model
 * version it produced and that version's stage, or why it was refused or rejected).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunClaim(String outcome, String runId, RunStatus status, Integer version, ModelStage stage, String reason) {
    public static RunClaim started(String runId) {
        return new RunClaim(name(RunReuse.Outcome.STARTED), runId, null, null, null, null);
    }

    public static RunClaim running(String runId, RunStatus status) {
        return new RunClaim(name(RunReuse.Outcome.RUNNING), runId, status, null, null, null);
    }

    public static RunClaim done(String runId, RunStatus status, Integer version, ModelStage stage, String reason) {
        return new RunClaim(name(RunReuse.Outcome.DONE), runId, status, version, stage, reason);
    }

    private static String name(RunReuse.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
