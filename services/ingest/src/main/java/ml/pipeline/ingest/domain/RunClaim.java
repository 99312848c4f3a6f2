package ml.pipeline.ingest.domain;

/**
 * The registry's answer to "may these bytes and this spec start a run?": {@code started} (with the
 * new run's id), {@code running} (the run going on) or {@code done} (the run that ended, its
 * status, the model version it produced and its stage, or why it was refused).
 */
public record RunClaim(String outcome, String runId, String status, Integer version, String stage, String reason) {
    public static final String STARTED = "started";

    public boolean started() {
        return STARTED.equals(outcome);
    }
}
