package ml.pipeline.ingest.domain;

/** The pipeline's spec has no {@code source:} block: there is nothing to pause, resume or poll. */
public final class NoSourceException extends RuntimeException {
    public NoSourceException(String pipeline) {
        super("pipeline '" + pipeline + "' has no source: add a source: block (s3Prefix or jdbc, and a schedule) to its spec");
    }
}
