package ml.pipeline.core.spec;

/**
 * What a pipeline accepts, so a mistake is refused before it costs anything: the largest dataset
 * (bytes) ingest stores for it. The model's own limits are fixed (see {@link PipelineSpecParser}).
 */
public record LimitsSpec(Long maxDatasetBytes) {
    /** 2 GiB by default; never more than ingest's HTTP limit of 4 GiB. */
    public static final long DEFAULT_MAX_DATASET_BYTES = 2L << 30;
    public static final long MAX_DATASET_BYTES = 4L << 30;

    public LimitsSpec {
        maxDatasetBytes = maxDatasetBytes == null ? DEFAULT_MAX_DATASET_BYTES : maxDatasetBytes;
    }

    public static LimitsSpec defaults() {
        return new LimitsSpec(null);
    }
}
