package ml.pipeline.ingest.domain;

/**
 * What a publish did: the run it started, where the dataset and spec snapshot are, and whether
 * the bytes were stored now or were already there (the same bytes are stored once).
 */
public record PublishResult(String pipeline, String runId, String eventId, String datasetName, String datasetVersion,
        String datasetUri, long sizeBytes, long rows, String specUri, String specHash, boolean storedNow) {
}
