package ml.pipeline.registry.domain;

import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.core.run.RunStatus;

/**
 * What an event says about its run; null fields leave the run's value as it is. {@code stage}
 * is a stage name: a StageFailed names its stage as text.
 */
public record RunUpdate(RunStatus status, String stage, String datasetName, String datasetVersion, String specHash) {
    /** An event that moves the run's status and last stage only. */
    public static RunUpdate of(RunStatus status, PipelineStage stage) {
        return new RunUpdate(status, stage.stageName(), null, null, null);
    }
}
