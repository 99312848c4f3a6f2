package ml.pipeline.ingest.domain;

import java.nio.file.Path;
import java.util.List;
import ml.pipeline.core.Texts;
import ml.pipeline.core.spec.PipelineSpecParser;

/**
 * A dataset to publish: its bytes (a local file), the pipeline it feeds, the name it is stored
 * under (the pipeline's by default), how it arrived ("upload", "cli", "s3" or "schedule") and
 * whether to run it even if these bytes and spec ran already ({@code force}).
 */
public record PublishRequest(String pipeline, String datasetName, Path file, String source, boolean force) {
    public static final String UPLOAD = "upload";
    /** Published by its address in the object store. */
    public static final String FROM_STORE = "s3";
    public static final List<String> SOURCES = List.of(UPLOAD, "cli", FROM_STORE, "schedule");

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
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source: one of " + SOURCES + ", got '" + Texts.bounded(source) + "'");
        }
    }
}
