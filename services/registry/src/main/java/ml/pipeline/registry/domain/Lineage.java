package ml.pipeline.registry.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import ml.pipeline.core.spec.ModelStage;

/**
 * From a model version back to the bytes it was trained on: the dataset, spec, transform and
 * training run, and where its artifact and evaluation report are. A run that registered no
 * version has the dataset part only.
 */
public record Lineage(String dataset, String datasetSha256, String specHash,
        @JsonInclude(JsonInclude.Include.NON_NULL) String transformVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String trainingRunId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String model,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer version,
        @JsonInclude(JsonInclude.Include.NON_NULL) ModelStage stage,
        @JsonInclude(JsonInclude.Include.NON_NULL) String artifact,
        @JsonInclude(JsonInclude.Include.NON_NULL) String evaluationReport) {
}
