package ml.pipeline.registry.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PromotionPolicy;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.SpecRef;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.StageChangeEntity;

/**
 * Registers a candidate that passed its gate as the model's next version (once per training run)
 * and, when the pipeline's policy says so, promotes it: the version that held the stage is
 * archived, the change recorded with who and why, and a ModelPromoted returned to emit.
 */
@ApplicationScoped
public class Promotions {
    public static final String NONE = "none";
    public static final String ARCHIVED = "archived";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventMetas metas;

    public Promotions(EventMetas metas) {
        this.metas = metas;
    }

    /** Null when nothing is to be emitted: a refused candidate, a manual policy, or one registered before. */
    public Uni<ModelPromoted> onEvaluated(ModelEvaluated event, PipelineSpec spec) {
        if (!event.getPassed()) {
            return Uni.createFrom().nullItem();
        }
        String model = event.getCandidate().getName();
        return ModelVersionEntity.<ModelVersionEntity>find("model = ?1 and trainingRunId = ?2", model,
                        event.getCandidate().getTrainingRunId()).firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().nullItem() : register(event, model)
                        .chain(version -> spec.promotion().isAutomatic()
                                ? promote(version, spec.promotion().stage(), "policy",
                                        "auto: the gate passed (" + event.getChecks().size() + " checks)", event.getMeta())
                                : Uni.createFrom().nullItem()));
    }

    /** Moves a version to a stage (production, staging, archived); returns the ModelPromoted to emit. */
    public Uni<ModelPromoted> promote(ModelVersionEntity version, String stage, String by, String reason, EventMeta cause) {
        return ModelVersionEntity.<ModelVersionEntity>find("model = ?1 and stage = ?2 and version <> ?3", version.model,
                        stage, version.version).firstResult()
                .chain(previous -> {
                    Uni<Void> archive = previous == null ? Uni.createFrom().voidItem()
                            : change(previous, ARCHIVED, by, "replaced by version " + version.version, null);
                    EventMeta meta = cause == null ? metas.startRun(version.pipeline) : metas.causedBy(cause);
                    ModelPromoted promoted = ModelPromoted.newBuilder()
                            .setMeta(cause == null ? runOf(meta, version) : meta)
                            .setDataset(DatasetRef.newBuilder().setName(version.datasetName).setVersion(version.datasetVersion)
                                    .setUri(version.datasetUri).build())
                            .setSpec(SpecRef.newBuilder().setUri(version.specUri).setHash(version.specHash).build())
                            .setModelName(version.model)
                            .setVersion(version.version)
                            .setStage(stage)
                            .setPreviousVersion(previous == null ? null : previous.version)
                            .setArtifactUri(version.artifactUri)
                            .setTransformUri(version.transformUri)
                            .setMetrics(metrics(version))
                            .setReason(reason)
                            .setPromotedBy(by)
                            .build();
                    return archive.chain(() -> change(version, stage, by, reason, promoted.getMeta().getEventId()))
                            .replaceWith(promoted);
                });
    }

    private Uni<ModelVersionEntity> register(ModelEvaluated event, String model) {
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
                    version.stage = NONE;
                    version.metrics = json(event.getCandidateMetrics());
                    version.artifactUri = event.getCandidate().getUri();
                    version.transformUri = event.getFeatures().getTransformUri();
                    version.reportUri = event.getReportUri();
                    version.createdAt = Instant.now();
                    return version.<ModelVersionEntity>persist();
                });
    }

    private static Uni<Void> change(ModelVersionEntity version, String stage, String by, String reason, String eventId) {
        StageChangeEntity change = new StageChangeEntity();
        change.model = version.model;
        change.version = version.version;
        change.fromStage = version.stage;
        change.toStage = stage;
        change.changedBy = by;
        change.reason = reason;
        change.eventId = eventId;
        change.changedAt = Instant.now();
        version.stage = stage;
        return version.persist().chain(change::persist).replaceWithVoid();
    }

    /** A promotion by hand belongs to the run that produced the version. */
    private static EventMeta runOf(EventMeta meta, ModelVersionEntity version) {
        meta.setRunId(version.runId);
        return meta;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> metrics(ModelVersionEntity version) {
        try {
            return JSON.readValue(version.metrics, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("version " + version.version + " has unreadable metrics", e);
        }
    }

    private static String json(Map<String, Double> metrics) {
        try {
            return JSON.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
