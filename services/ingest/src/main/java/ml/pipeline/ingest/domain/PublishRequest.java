package ml.pipeline.ingest.domain;

import java.nio.file.Path;
import java.util.List;
import ml.pipeline.core.Texts;
import ml.pipeline.core.spec.PipelineSpecParser;

/**
 * A dataset to publish: its bytes (a local file), the pipeline it feeds, the name it is stored
 * under (the pipeline's by default), how it arrived ("upload", "cli", "s3" or "schedule") and
 * whether to run it even if these bytes and spec ran already ({@code force}). {@code specHash}:
 * a stored spec snapshot to run with instead of the pipeline's current spec (null: the current
 * one); {@code reproduces}: the training run this run trains again to show it reproduces (null:
 * an ordinary run). A reproduction always starts a run.
 */
public record PublishRequest(String pipeline, String datasetName, Path file, String source, boolean force, String specHash,
        String reproduces) {
    public static final String UPLOAD = "upload";
    /** Published by its address in the object store. */
    public static final String FROM_STORE = "s3";
    /** Published by the pipeline's own source (the spec's source:), on its schedule. */
    public static final String SCHEDULE = "schedule";
    public static final List<String> SOURCES = List.of(UPLOAD, "cli", FROM_STORE, SCHEDULE);

    public PublishRequest {
        if (pipeline == null || !PipelineSpecParser.NAME.matcher(pipeline).matches()) {
            throw new IllegalArgumentException("pipeline: a name of lower-case letters, digits, '-' or '_' is required, got '"
                    + Texts.bounded(pipeline) + "'");
        }
        datasetName = datasetName == null || datasetName.isBlank() ? pipeline : datasetName;
        if (!PipelineSpecParser.NAME.matcher(datasetName).matches()) {
            throw new IllegalArgumentException("name: a dataset name of lower-case letters, digits, '-' or '_' is required, got '"
                    + Texts.bounded(datasetName) + "'");
        }
        if (specHash != null && !specHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("spec: the sha256 of a stored spec snapshot (64 hex digits), got '"
                    + Texts.bounded(specHash) + "'");
        }
        if (reproduces != null && !reproduces.matches("[0-9a-z_-]{1,64}")) {
            throw new IllegalArgumentException("reproduces: a training run id, got '" + Texts.bounded(reproduces) + "'");
        }
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source: one of " + SOURCES + ", got '" + Texts.bounded(source) + "'");
        }
    }

    public PublishRequest(String pipeline, String datasetName, Path file, String source, boolean force) {
        this(pipeline, datasetName, file, source, force, null, null);
    }
}
