package ml.pipeline.registry.events;

import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.ModelAliasChanged;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SpecRef;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.ModelVersionStore;

/**
 * What the registry's decisions say to the rest of the pipeline: a stage change as ModelPromoted,
 * an alias move as ModelAliasChanged, and a candidate whose baseline left production as
 * EvaluationRequested.
 */
public final class PromotionEvents {
    private PromotionEvents() {
    }

    /** {@code previous}: the version that held the stage and was archived, or null. */
    public static ModelPromoted modelPromoted(EventMeta meta, ModelVersionEntity version, ModelStage stage, Double trafficShare,
            ModelVersionEntity previous, String reason, String by) {
        return ModelPromoted.newBuilder()
                .setMeta(meta)
                .setDataset(DatasetRef.newBuilder().setName(version.datasetName).setVersion(version.datasetVersion)
                        .setUri(version.datasetUri).build())
                .setSpec(SpecRef.newBuilder().setUri(version.specUri).setHash(version.specHash).build())
                .setModelName(version.model)
                .setVersion(version.version)
                .setStage(stage.stageName())
                .setPreviousVersion(previous == null ? null : previous.version)
                .setArtifactUri(version.artifactUri)
                .setTransformUri(version.transformUri)
                .setMetrics(ModelVersionStore.metrics(version))
                .setReason(reason)
                .setPromotedBy(by)
                .setModel(modelRef(version))
                .setTrafficShare(trafficShare)
                .build();
    }

    /**
     * {@code alias} names {@code version} now ({@code named}), or was removed from it; it named
     * {@code previousVersion} before (null: none).
     */
    public static ModelAliasChanged aliasChanged(EventMeta meta, ModelVersionEntity version, String alias, boolean named,
            Integer previousVersion, String reason, String by) {
        return ModelAliasChanged.newBuilder()
                .setMeta(meta)
                .setModelName(version.model)
                .setAlias(alias)
                .setVersion(named ? version.version : null)
                .setPreviousVersion(previousVersion)
                .setModel(named ? modelRef(version) : null)
                .setReason(reason)
                .setChangedBy(by)
                .build();
    }

    /** Evaluate {@code cause}'s candidate again, against {@code production} (null: nothing is in production). */
    public static EvaluationRequested evaluationRequested(EventMeta meta, ModelEvaluated cause, ModelVersionEntity production,
            String reason) {
        return EvaluationRequested.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setFeatures(cause.getFeatures())
                .setCandidate(cause.getCandidate())
                .setStaleBaseline(cause.getBaseline())
                .setProduction(production == null ? null : modelRef(production))
                .setAttempt(cause.getAttempt() + 1)
                .setReason(reason)
                .build();
    }

    public static ModelRef modelRef(ModelVersionEntity version) {
        return ModelRef.newBuilder().setName(version.model).setTrainingRunId(version.trainingRunId)
                .setVersion(version.version).setUri(version.artifactUri).build();
    }
}
