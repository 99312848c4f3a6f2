package ml.pipeline.ingest.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a publish did: {@code outcome} {@code started} (the run it started and its event),
 * {@code running} (the run of these bytes and spec going on) or {@code done} (the run that ended:
 * its status, the model version it produced and that version's stage, or why it was refused);
 * where the dataset and spec snapshot are; whether the bytes were stored now (the same bytes are
 * stored once).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishResult(String pipeline, String outcome, String runId, String eventId, String datasetName,
        String datasetVersion, String datasetUri, long sizeBytes, long rows, String specUri, String specHash, boolean storedNow,
        String status, Integer version, String stage, String reason) {
    public boolean started() {
        return RunClaim.STARTED.equals(outcome);
    }
}
