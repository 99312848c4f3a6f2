package ml.pipeline.testing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.DriftSummary;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SpecRef;

/**
 * Events as the stage before would emit them, with every field a test does not care about set
 * to a plain value. Avro records are mutable: a test changes what it is about with the setters.
 */
public final class EventFixtures {
    /** The producer the tests' events name. */
    public static final EventMetas METAS = new EventMetas("test", "0", Clock.systemUTC());

    private EventFixtures() {
    }

    /** A pipeline of its own per test: its events and versions cannot mix with another test's. */
    public static String newPipeline(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A dataset version at its place in the store ({@link StorageLayout#dataset}). */
    public static DatasetRef dataset(String name, String sha256) {
        return DatasetRef.newBuilder().setName(name).setVersion(sha256)
                .setUri(StorageLayout.dataset(name, sha256, "csv").toString()).build();
    }

    /** A features folder and its transform.json. */
    public static FeaturesRef features(S3Uri folder, String transformVersion) {
        return FeaturesRef.newBuilder().setTransformVersion(transformVersion).setUri(folder.toString())
                .setTransformUri(folder.resolve(StorageLayout.TRANSFORM).toString()).build();
    }

    public static DatasetPublished datasetPublished(EventMeta meta, DatasetRef dataset, SpecRef spec) {
        return DatasetPublished.newBuilder().setMeta(meta).setDataset(dataset).setFormat("csv").setSizeBytes(0)
                .setRows(null).setSource("cli").setSpec(spec).build();
    }

    /** A DatasetPublished whose dataset and spec are nowhere: for tests of the wire, not of the stages. */
    public static DatasetPublished datasetPublished(String pipeline) {
        return datasetPublished(METAS.startRun(pipeline), dataset("churn", "9f86d081".repeat(8)),
                SpecRef.newBuilder().setUri("s3://specs/abc.yaml").setHash("abc").build());
    }

    /** Validated with no warnings and no drift baseline. */
    public static DatasetValidated datasetValidated(EventMeta meta, DatasetRef dataset, SpecRef spec, long rows) {
        return DatasetValidated.newBuilder().setMeta(meta).setDataset(dataset).setSpec(spec)
                .setProfileUri(StorageLayout.profile(dataset.getName(), dataset.getVersion()).toString())
                .setQuality(Map.of("rows", (double) rows))
                .setDrift(DriftSummary.newBuilder().setBaselineVersion(null).setColumnScores(Map.of())
                        .setDriftedColumns(List.of()).build())
                .setWarnings(List.of())
                .build();
    }

    public static FeaturesReady featuresReady(EventMeta meta, DatasetRef dataset, SpecRef spec, FeaturesRef features,
            List<FeatureSplit> splits, List<String> featureNames, String label) {
        return FeaturesReady.newBuilder().setMeta(meta).setDataset(dataset).setSpec(spec).setFeatures(features)
                .setSplits(splits).setFeatureNames(featureNames).setLabel(label).build();
    }

    public static FeatureSplit split(String name, S3Uri uri, long rows) {
        return FeatureSplit.newBuilder().setName(name).setUri(uri.toString()).setRows(rows).build();
    }

    /** The final checkpoint of a training run of {@code model}, stored in {@code folder}. */
    public static CheckpointWritten finalCheckpoint(EventMeta meta, DatasetRef dataset, SpecRef spec, FeaturesRef features,
            String model, String trainingRunId, S3Uri folder) {
        return CheckpointWritten.newBuilder().setMeta(meta).setDataset(dataset).setSpec(spec).setFeatures(features)
                .setModelName(model).setTrainingRunId(trainingRunId).setTrial(0).setStep(10).setEpoch(1)
                .setUri(folder.toString()).setMetrics(Map.of()).setFinalCheckpoint(true).setDevice("cpu()")
                .build();
    }

    /** A candidate whose artifact is at its place in the store, passed or refused by one check. */
    public static ModelEvaluated modelEvaluated(EventMeta meta, DatasetRef dataset, SpecRef spec, FeaturesRef features,
            String model, String trainingRunId, boolean passed) {
        return ModelEvaluated.newBuilder().setMeta(meta).setDataset(dataset).setSpec(spec).setFeatures(features)
                .setCandidate(ModelRef.newBuilder().setName(model).setTrainingRunId(trainingRunId).setVersion(null)
                        .setUri(StorageLayout.artifact(model, trainingRunId).toString()).build())
                .setBaseline(null).setCandidateMetrics(Map.of("roc_auc", 0.9)).setBaselineMetrics(null)
                .setSliceMetrics(List.of())
                .setChecks(List.of(GateCheck.newBuilder().setName("roc_auc >= 0.8").setPassed(passed).setObserved(0.9)
                        .setThreshold(0.8).setReason("test").build()))
                .setReportUri(StorageLayout.evaluationReport(model, trainingRunId).toString()).setPassed(passed).build();
    }

    /** A version of {@code model} in production, trained in {@code trainingRunId}, its artifact at its place. */
    public static ModelPromoted modelPromoted(EventMeta meta, DatasetRef dataset, SpecRef spec, FeaturesRef features,
            String model, String trainingRunId, int version) {
        String artifact = StorageLayout.artifact(model, trainingRunId).toString();
        return ModelPromoted.newBuilder().setMeta(meta).setDataset(dataset).setSpec(spec).setModelName(model)
                .setVersion(version).setStage("production").setPreviousVersion(null).setArtifactUri(artifact)
                .setTransformUri(features.getTransformUri()).setMetrics(Map.of()).setReason("test").setPromotedBy("test")
                .setModel(ModelRef.newBuilder().setName(model).setTrainingRunId(trainingRunId).setVersion(version)
                        .setUri(artifact).build())
                .build();
    }
}
