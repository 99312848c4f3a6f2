package ml.pipeline.core.storage;

/**
 * Where every output lives (DESIGN.md, "Storage"). Keys are built from the content hashes of the
 * inputs, so the same inputs always land at the same place and are stored once.
 */
public final class StorageLayout {
    public static final String DATASETS = "datasets";
    public static final String SPECS = "specs";
    public static final String FEATURES = "features";
    public static final String MODELS = "models";

    private StorageLayout() {
    }

    /** {@code datasets/<name>/<sha256>/data.<ext>}: the same bytes are stored once. */
    public static S3Uri dataset(String name, String sha256, String extension) {
        return new S3Uri(DATASETS, name + "/" + sha256 + "/data." + extension);
    }

    /** {@code datasets/<name>/<sha256>/profile.json}, written by validate. */
    public static S3Uri profile(String name, String sha256) {
        return new S3Uri(DATASETS, name + "/" + sha256 + "/profile.json");
    }

    /**
     * {@code datasets/<name>/<sha256>/validated-<specSha256>.json}: validate's verdict on the dataset
     * under that spec (the DatasetValidated event, drift and schema changes included), which the
     * evaluation report shows. A later validation of the same bytes and spec (a forced rerun)
     * replaces it, against the production model of its day.
     */
    public static S3Uri validation(String name, String sha256, String specSha256) {
        return new S3Uri(DATASETS, name + "/" + sha256 + "/validated-" + specSha256 + ".json");
    }

    /**
     * {@code features/<name>/<datasetSha>/<transformVersion>/}: the splits, transform.json and,
     * written last, the {@link #COMPLETE} marker.
     */
    public static S3Uri features(String datasetName, String datasetSha, String transformVersion) {
        return new S3Uri(FEATURES, datasetName + "/" + datasetSha + "/" + transformVersion + "/");
    }

    /** {@code models/<model>/<trainingRunId>/checkpoints/}: one folder per checkpoint, the last K kept. */
    public static S3Uri checkpoints(String model, String trainingRunId) {
        return new S3Uri(MODELS, model + "/" + trainingRunId + "/checkpoints/");
    }

    /**
     * {@code models/<model>/searches/<searchId>/rung-N.json}: a hyperparameter search's decision
     * at rung N (which trials went on), written once, so a resumed search decides the same.
     */
    public static S3Uri searchRung(String model, String searchId, int rung) {
        return new S3Uri(MODELS, model + "/searches/" + searchId + "/rung-" + rung + ".json");
    }

    /** {@code .../checkpoints/step-NNNNNN/}: zero-padded, so key order is step order. */
    public static S3Uri checkpoint(String model, String trainingRunId, long step) {
        return checkpoints(model, trainingRunId).resolve(String.format("step-%09d/", step));
    }

    /**
     * {@code models/<model>/<trainingRunId>/artifact/}: what serving loads: {@value #PARAMETERS},
     * {@value #MODEL_SPEC}, transform.json, the completion marker last. The evaluator owns it: it
     * writes the folder once per training run it scores (the registry only points at it).
     */
    public static S3Uri artifact(String model, String trainingRunId) {
        return new S3Uri(MODELS, model + "/" + trainingRunId + "/artifact/");
    }

    /** {@code models/<model>/<trainingRunId>/evaluation/report.json}, written by the evaluator. */
    public static S3Uri evaluationReport(String model, String trainingRunId) {
        return new S3Uri(MODELS, model + "/" + trainingRunId + "/evaluation/report.json");
    }

    /**
     * {@code models/<model>/<trainingRunId>/evaluation/report.html}, beside report.json: the same
     * verdict as a self-contained page (inline CSS and SVG) that opens from the store with no network.
     */
    public static S3Uri evaluationReportPage(String model, String trainingRunId) {
        return new S3Uri(MODELS, model + "/" + trainingRunId + "/evaluation/report.html");
    }

    /** In a checkpoint or artifact folder: the network's saved parameters (DJL format). */
    public static final String PARAMETERS = "parameters.bin";
    /** A checkpoint's state: step, data cursor, metrics, early-stopping progress, the metrics history. */
    public static final String CHECKPOINT_STATE = "state.json";
    /** In an artifact folder: the model spec the parameters belong to (JSON). */
    public static final String MODEL_SPEC = "model.json";
    /** In an artifact folder: the model card, for people (Markdown) and for tools (JSON). */
    public static final String MODEL_CARD_MARKDOWN = "model-card.md";
    public static final String MODEL_CARD_JSON = "model-card.json";
    /** In a features or artifact folder: the fitted transform. */
    public static final String TRANSFORM = "transform.json";

    /**
     * In a features folder: the holdout rows as they came, every column. The evaluator scores the
     * production model on them through its own transform, and reads slices from their raw values.
     */
    public static final String RAW_HOLDOUT = "holdout.raw.csv";

    /** Written last into an output folder: only an output with it is complete and may be trusted. */
    public static final String COMPLETE = "_COMPLETE";

    /** {@code specs/<sha256>.yaml}: the snapshot of a pipeline spec that runs use. */
    public static S3Uri specSnapshot(String sha256) {
        return new S3Uri(SPECS, sha256 + ".yaml");
    }

    /** {@code specs/pipelines/<pipeline>.yaml}: the pipeline's current spec, which new runs snapshot. */
    public static S3Uri currentSpec(String pipeline) {
        return new S3Uri(SPECS, "pipelines/" + pipeline + ".yaml");
    }

    /**
     * {@code datasets/_sources/<pipeline>/}: ingest's record of the pipeline's source (the spec's
     * {@code source:}): {@value #SOURCE_STATUS}, the {@value #SOURCE_PAUSED} marker, and one small
     * marker per object read ({@value #SOURCE_READ}) and per content hash seen ({@value #SOURCE_SEEN}).
     * Markers are written once each, so two ingest replicas polling at once only ever add to them.
     * A dataset name never starts with '_', so this folder is no dataset's.
     */
    public static S3Uri source(String pipeline) {
        return new S3Uri(DATASETS, "_sources/" + pipeline + "/");
    }

    public static final String SOURCE_STATUS = "status.json";
    public static final String SOURCE_PAUSED = "paused";
    public static final String SOURCE_READ = "read/";
    public static final String SOURCE_SEEN = "seen/";
}
