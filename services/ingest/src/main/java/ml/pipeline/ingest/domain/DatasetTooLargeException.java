package ml.pipeline.ingest.domain;

/** A dataset larger than its pipeline's {@code limits.maxDatasetBytes}: refused before it is stored (413). */
public final class DatasetTooLargeException extends RuntimeException {
    public DatasetTooLargeException(String pipeline, long bytes, long limit) {
        super("the dataset is " + bytes + " bytes; pipeline '" + pipeline + "' accepts at most " + limit
                + " (its spec's limits.maxDatasetBytes)");
    }
}
