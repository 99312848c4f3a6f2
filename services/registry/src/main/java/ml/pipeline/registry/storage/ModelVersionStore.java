package ml.pipeline.registry.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.events.ModelEvaluated;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Model versions and their stage history in PostgreSQL. Callers hold the session (a
 * transaction); {@code (model, version)} and {@code (model, training_run_id)} are unique, so a
 * version cannot be registered twice.
 */
@ApplicationScoped
public class ModelVersionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    public Uni<ModelVersionEntity> find(String model, int version) {
        return ModelVersionEntity.find("model = ?1 and version = ?2", model, version).firstResult();
    }

    public Uni<ModelVersionEntity> findByTrainingRun(String model, String trainingRunId) {
        return ModelVersionEntity.find("model = ?1 and trainingRunId = ?2", model, trainingRunId).firstResult();
    }

    /** The latest version trained on these dataset bytes with this spec, whichever run registered it. */
    public Uni<ModelVersionEntity> findByInputs(String pipeline, String datasetVersion, String specHash) {
        return ModelVersionEntity.find("pipeline = ?1 and datasetVersion = ?2 and specHash = ?3 order by version desc",
                pipeline, datasetVersion, specHash).firstResult();
    }

    public Uni<ModelVersionEntity> findByRun(String runId) {
        return ModelVersionEntity.find("runId", runId).firstResult();
    }

    /** The version that holds {@code stage} (staging, canary or production), or null. */
    public Uni<ModelVersionEntity> holderOf(String model, ModelStage stage) {
        return ModelVersionEntity.find("model = ?1 and stage = ?2", model, stage).firstResult();
    }

    /** Every model's version in {@code stage}, by model. */
    public Uni<List<ModelVersionEntity>> holdersOf(ModelStage stage) {
        return ModelVersionEntity.list("stage = ?1 order by model", stage);
    }

    public Uni<List<ModelVersionEntity>> versionsOf(String model) {
        return ModelVersionEntity.list("model = ?1 order by version", model);
    }

    public Uni<List<ModelVersionEntity>> versionsOfPipeline(String pipeline) {
        return ModelVersionEntity.list("pipeline = ?1 order by model, version", pipeline);
    }

    /** The candidate of an evaluation as the model's next version, in no stage yet. */
    public Uni<ModelVersionEntity> register(ModelEvaluated event) {
        String model = event.getCandidate().getName();
        return ModelVersionEntity.find("select max(version) from ModelVersionEntity where model = ?1", model)
                .project(Integer.class).firstResult()
                .chain(max -> {
                    ModelVersionEntity version = new ModelVersionEntity();
                    version.model = model;
                    version.version = max == null ? 1 : max + 1;
                    version.pipeline = event.getMeta().getPipeline();
                    version.runId = event.getMeta().getRunId();
                    version.trainingRunId = event.getCandidate().getTrainingRunId();
                    version.datasetName = event.getDataset().getName();
                    version.datasetVersion = event.getDataset().getVersion();
                    version.datasetUri = event.getDataset().getUri();
                    version.specUri = event.getSpec().getUri();
                    version.specHash = event.getSpec().getHash();
                    version.transformVersion = event.getFeatures().getTransformVersion();
                    version.stage = ModelStage.NONE;
                    version.metrics = json(event.getCandidateMetrics());
                    version.artifactUri = event.getCandidate().getUri();
                    version.transformUri = event.getFeatures().getTransformUri();
                    version.reportUri = event.getReportUri();
                    version.createdAt = Instant.now();
                    return version.<ModelVersionEntity>persist();
                });
    }

    /**
     * Moves the version to a stage and records who, why, what it was compared with (an automatic
     * promotion to production) and the event that announces it (null for none). Written at once:
     * the next change's unique-index check must see this one.
     */
    public Uni<Void> changeStage(ModelVersionEntity version, ModelStage stage, Double trafficShare, String by, String reason,
            Integer comparedWith, String eventId) {
        StageChangeEntity change = new StageChangeEntity();
        change.model = version.model;
        change.version = version.version;
        change.fromStage = version.stage;
        change.toStage = stage;
        change.changedBy = by;
        change.reason = reason;
        change.comparedWith = comparedWith;
        change.eventId = eventId;
        change.trafficShare = trafficShare;
        change.changedAt = Instant.now();
        version.stage = stage;
        version.trafficShare = trafficShare;
        return version.persist().chain(change::persist).chain(() -> Panache.getSession().chain(Mutiny.Session::flush));
    }

    /** The latest version other than {@code current} that held production, or null: what a rollback goes back to. */
    public Uni<Integer> previousProduction(String model, int current) {
        return StageChangeEntity.<StageChangeEntity>find("model = ?1 and toStage = ?2 and version <> ?3 order by changedAt desc, id desc",
                model, ModelStage.PRODUCTION, current).firstResult().map(change -> change == null ? null : change.version);
    }

    /** Every stage change of the model, oldest first. */
    public Uni<List<StageChangeEntity>> history(String model) {
        return StageChangeEntity.list("model = ?1 order by changedAt, id", model);
    }

    /** Every alias move of the model, oldest first. */
    public Uni<List<AliasChangeEntity>> aliasHistory(String model) {
        return AliasChangeEntity.list("model = ?1 order by changedAt, id", model);
    }

    public Uni<List<ModelAliasEntity>> aliasesOf(String model) {
        return ModelAliasEntity.list("model = ?1 order by alias", model);
    }

    public Uni<ModelAliasEntity> alias(String model, String alias) {
        return ModelAliasEntity.find("model = ?1 and alias = ?2", model, alias).firstResult();
    }

    /**
     * Points the alias at {@code version} (null: removes it) and records the move. The caller holds
     * the model's lock, so the unique (model, alias) is never raced.
     */
    public Uni<Void> moveAlias(String model, String alias, ModelAliasEntity current, Integer version, String by, String reason,
            String eventId) {
        AliasChangeEntity change = new AliasChangeEntity();
        change.model = model;
        change.alias = alias;
        change.version = version;
        change.previousVersion = current == null ? null : current.version;
        change.changedBy = by;
        change.reason = reason;
        change.eventId = eventId;
        change.changedAt = Instant.now();
        Uni<?> holder;
        if (version == null) {
            holder = current == null ? Uni.createFrom().voidItem() : current.delete();
        } else {
            ModelAliasEntity entity = current == null ? new ModelAliasEntity() : current;
            entity.model = model;
            entity.alias = alias;
            entity.version = version;
            entity.updatedAt = change.changedAt;
            holder = entity.persist();
        }
        return holder.chain(change::persist).chain(() -> Panache.getSession().chain(Mutiny.Session::flush));
    }

    /** The version in production at {@code at}, or null: the last change into or out of production before it decides. */
    public Uni<Integer> productionAt(String model, Instant at) {
        return StageChangeEntity.<StageChangeEntity>find("model = ?1 and changedAt <= ?2 and (toStage = ?3 or fromStage = ?3)"
                        + " order by changedAt desc, id desc", model, at, ModelStage.PRODUCTION).firstResult()
                .map(last -> last == null || last.toStage != ModelStage.PRODUCTION ? null : last.version);
    }

    /** The holdout metrics a version was registered with. */
    public static Map<String, Double> metrics(ModelVersionEntity version) {
        try {
            return JSON.readValue(version.metrics, METRICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("version " + version.version + " of " + version.model + " has unreadable metrics", e);
        }
    }

    private static String json(Map<String, Double> metrics) {
        try {
            return JSON.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics are plain numbers and always serialize", e);
        }
    }
}
