package ml.pipeline.registry.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.TrainingRecord;

/**
 * The experiment tracker's tables: experiments, training runs and their metric histories, from
 * CheckpointWritten. Checkpoints arrive once or more, and a search re-announces a trial it stops,
 * so each write is one idempotent statement: the history gets a checkpoint's row once (all its
 * metrics in it), and a run's row keeps its newest step, and its status once it ended.
 * Callers hold the session (a transaction for the writes).
 */
@ApplicationScoped
public class TrackingStore {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String RUNNING = "running";

    private static final String INSERT_EXPERIMENT = """
            INSERT INTO experiments (pipeline, name, created_at) VALUES (:pipeline, :name, :at)
            ON CONFLICT (pipeline, name) DO NOTHING""";
    private static final String INSERT_METRICS = """
            INSERT INTO training_metrics (training_run_id, step, epoch, metrics, parameters_sha256, recorded_at)
            VALUES (:trainingRunId, :step, :epoch, :metrics, :parameters, :at)
            ON CONFLICT (training_run_id, step) DO NOTHING""";
    private static final String UPSERT_RUN = """
            INSERT INTO training_runs (training_run_id, run_id, pipeline, experiment, model_name, search_id, trial, trials,
                status, hyperparameters, environment, code_version, device, dataset_name, dataset_version, spec_uri,
                spec_hash, transform_version, started_at, updated_at, ended_at, last_step, last_epoch, last_metrics,
                best_step, best_metric, best_value, best_uri, winner, dataset_uri, reproduces)
            VALUES (:trainingRunId, :runId, :pipeline, :experiment, :model, :searchId, :trial, :trials,
                :status, :hyperparameters, :environment, :codeVersion, :device, :datasetName, :datasetVersion, :specUri,
                :specHash, :transformVersion, :at, :at, :endedAt, :step, :epoch, :metrics,
                :bestStep, :bestMetric, :bestValue, :bestUri, :winner, :datasetUri, :reproduces)
            ON CONFLICT (training_run_id) DO UPDATE SET
                status = CASE WHEN EXCLUDED.status <> 'running' THEN EXCLUDED.status ELSE training_runs.status END,
                ended_at = COALESCE(training_runs.ended_at, EXCLUDED.ended_at),
                last_metrics = CASE WHEN EXCLUDED.last_step >= training_runs.last_step THEN EXCLUDED.last_metrics
                    ELSE training_runs.last_metrics END,
                best_step = CASE WHEN EXCLUDED.last_step >= training_runs.last_step THEN EXCLUDED.best_step
                    ELSE training_runs.best_step END,
                best_value = CASE WHEN EXCLUDED.last_step >= training_runs.last_step THEN EXCLUDED.best_value
                    ELSE training_runs.best_value END,
                best_uri = CASE WHEN EXCLUDED.last_step >= training_runs.last_step THEN EXCLUDED.best_uri
                    ELSE training_runs.best_uri END,
                last_step = GREATEST(training_runs.last_step, EXCLUDED.last_step),
                last_epoch = GREATEST(training_runs.last_epoch, EXCLUDED.last_epoch),
                started_at = LEAST(training_runs.started_at, EXCLUDED.started_at),
                updated_at = GREATEST(training_runs.updated_at, EXCLUDED.updated_at),
                winner = training_runs.winner OR EXCLUDED.winner""";

    /** The checkpoint into its run's history and row; a checkpoint from a trainer without tracking is skipped. */
    public Uni<Void> record(CheckpointWritten e) {
        TrainingRecord tracking = e.getTracking();
        if (tracking == null) {
            return Uni.createFrom().voidItem();
        }
        Instant at = e.getMeta().getOccurredAt();
        String status = e.getStopReason() == null ? RUNNING : e.getStopReason();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_EXPERIMENT)
                        .setParameter("pipeline", e.getMeta().getPipeline())
                        .setParameter("name", tracking.getExperiment())
                        .setParameter("at", at)
                        .executeUpdate()
                .chain(() -> session.createNativeQuery(INSERT_METRICS)
                        .setParameter("trainingRunId", e.getTrainingRunId())
                        .setParameter("step", e.getStep())
                        .setParameter("epoch", e.getEpoch())
                        .setParameter("metrics", json(e.getMetrics()))
                        .setParameter("parameters", e.getParametersSha256())
                        .setParameter("at", at)
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(UPSERT_RUN)
                        .setParameter("trainingRunId", e.getTrainingRunId())
                        .setParameter("runId", e.getMeta().getRunId())
                        .setParameter("pipeline", e.getMeta().getPipeline())
                        .setParameter("experiment", tracking.getExperiment())
                        .setParameter("model", e.getModelName())
                        .setParameter("searchId", tracking.getSearchId())
                        .setParameter("trial", e.getTrial())
                        .setParameter("trials", tracking.getTrials())
                        .setParameter("status", status)
                        .setParameter("hyperparameters", json(tracking.getHyperparameters()))
                        .setParameter("environment", json(tracking.getEnvironment()))
                        .setParameter("codeVersion", tracking.getCodeVersion())
                        .setParameter("device", e.getDevice())
                        .setParameter("datasetName", e.getDataset().getName())
                        .setParameter("datasetVersion", e.getDataset().getVersion())
                        .setParameter("specUri", e.getSpec().getUri())
                        .setParameter("specHash", e.getSpec().getHash())
                        .setParameter("transformVersion", e.getFeatures().getTransformVersion())
                        .setParameter("at", at)
                        .setParameter("endedAt", e.getStopReason() == null ? null : at)
                        .setParameter("step", e.getStep())
                        .setParameter("epoch", e.getEpoch())
                        .setParameter("metrics", json(e.getMetrics()))
                        .setParameter("bestStep", e.getBest() == null ? null : e.getBest().getStep())
                        .setParameter("bestMetric", e.getBest() == null ? null : e.getBest().getMetric())
                        .setParameter("bestValue", e.getBest() == null ? null : e.getBest().getValue())
                        .setParameter("bestUri", e.getBest() == null ? null : e.getBest().getUri())
                        .setParameter("winner", e.getFinalCheckpoint())
                        .setParameter("datasetUri", e.getDataset().getUri())
                        .setParameter("reproduces", e.getMeta().getReproduces())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<List<ExperimentEntity>> experimentsOf(String pipeline) {
        return ExperimentEntity.list("pipeline = ?1 order by createdAt", pipeline);
    }

    public Uni<List<TrainingRunEntity>> trainingRunsOf(String pipeline) {
        return TrainingRunEntity.list("pipeline = ?1 order by startedAt desc, trial", pipeline);
    }

    /** The training run a pipeline run sent to the gate (a search's winner); null before that, or for a reproduction. */
    public Uni<TrainingRunEntity> candidateOf(String runId) {
        return TrainingRunEntity.find("runId = ?1 and winner = true", runId).firstResult();
    }

    public Uni<TrainingRunEntity> trainingRun(String trainingRunId) {
        return TrainingRunEntity.findById(trainingRunId);
    }

    public Uni<List<TrainingMetricEntity>> history(String trainingRunId) {
        return TrainingMetricEntity.list("trainingRunId = ?1 order by step", trainingRunId);
    }

    /**
     * A metrics or parameters map as the text column holds it: keys sorted, so equal maps are
     * equal text; a NaN (ROC AUC of a one-class validation split) as null, which JSON can hold.
     */
    static String json(Map<String, ?> values) {
        Map<String, Object> sorted = new TreeMap<>();
        values.forEach((key, value) -> sorted.put(key, value instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : value));
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serializes", e);
        }
    }
}
