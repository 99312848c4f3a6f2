package ml.pipeline.ingest.domain;

/** A dataset was published to a pipeline that has no spec yet. */
public final class UnknownPipelineException extends RuntimeException {
    public UnknownPipelineException(String pipeline) {
        super("pipeline '" + pipeline + "' has no spec: PUT /api/v1/pipelines/" + pipeline
                + " (YAML) first, then publish its datasets");
    }
}
