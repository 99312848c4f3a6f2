package ml.pipeline.features.events;

import java.util.Arrays;
import ml.pipeline.core.features.Split;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.TimeSplitCutoffs;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.features.service.FeatureStage;

/** Built features as FeaturesReady: the folder, transform version, each split and the feature names. */
public final class FeatureEvents {
    private FeatureEvents() {
    }

    public static FeaturesReady ready(EventMeta meta, DatasetValidated cause, FeatureStage.Built built) {
        return FeaturesReady.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setFeatures(FeaturesRef.newBuilder().setTransformVersion(built.transformVersion())
                        .setUri(built.folder().toString()).setTransformUri(built.transformUri().toString()).build())
                .setSplits(Arrays.stream(Split.values())
                        .map(split -> FeatureSplit.newBuilder().setName(split.fileName())
                                .setUri(built.split(split).toString()).setRows(built.rows().get(split)).build())
                        .toList())
                .setFeatureNames(built.featureNames())
                .setLabel(built.label())
                .setSplitBy(built.splitBy())
                .setDuplicatesAcrossSplits(built.duplicatesAcrossSplits())
                .setTimeSplit(built.timeSplit().map(t -> TimeSplitCutoffs.newBuilder().setColumn(t.column())
                        .setTrainUntil(t.trainUntil().toString()).setValidationUntil(t.validationUntil().toString())
                        .setIdsAcrossSplits(t.idsAcrossSplits()).build()).orElse(null))
                .build();
    }
}
