package ml.pipeline.evaluator.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.core.storage.StorageLayout;
import ml.pipeline.evaluator.domain.CandidateEvaluation;
import ml.pipeline.evaluator.domain.ProductionModels;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.SliceMetrics;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventMessages;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.stage.StageExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A final CheckpointWritten in; ModelEvaluated (every gate check, passed or not) out. Earlier checkpoints are skipped. */
@ApplicationScoped
public class CheckpointWrittenHandler {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final CandidateEvaluation evaluation;
    private final ProductionModels production;
    private final SpecSnapshots specs;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final MutinyEmitter<ModelEvaluated> evaluated;

    public CheckpointWrittenHandler(CandidateEvaluation evaluation, ProductionModels production, SpecSnapshots specs,
            StageExecutor executor, EventMetas metas,
            @Channel(Topic.Names.MODELS_EVALUATED) MutinyEmitter<ModelEvaluated> evaluated) {
        this.evaluation = evaluation;
        this.production = production;
        this.specs = specs;
        this.executor = executor;
        this.metas = metas;
        this.evaluated = evaluated;
    }

    @Incoming(Topic.Names.CHECKPOINTS_WRITTEN)
    public Uni<Void> onCheckpoint(Message<CheckpointWritten> message) {
        CheckpointWritten event = message.getPayload();
        if (!event.getFinalCheckpoint()) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return executor.run("evaluator", message, event.getMeta(), () -> handle(event));
    }

    private void handle(CheckpointWritten event) {
        PipelineSpec spec = specs.load(event.getSpec());
        Optional<ModelPromoted> current = production.current(event.getMeta().getPipeline());
        CandidateEvaluation.Result result = evaluation.evaluate(event, spec, current);
        EventMeta meta = metas.causedBy(event.getMeta());
        ModelEvaluated out = ModelEvaluated.newBuilder()
                .setMeta(meta)
                .setDataset(event.getDataset())
                .setSpec(event.getSpec())
                .setFeatures(event.getFeatures())
                .setCandidate(ModelRef.newBuilder().setName(event.getModelName()).setTrainingRunId(event.getTrainingRunId())
                        .setVersion(null).setUri(result.artifact().toString()).build())
                .setBaseline(current.map(p -> ModelRef.newBuilder().setName(p.getModelName())
                        .setTrainingRunId(StorageLayout.trainingRunOfArtifact(S3Uri.parse(p.getArtifactUri()))).setVersion(p.getVersion()).setUri(p.getArtifactUri()).build())
                        .orElse(null))
                .setCandidateMetrics(result.candidate())
                .setBaselineMetrics(result.productionMetrics().orElse(null))
                .setSliceMetrics(result.slices().stream().map(s -> SliceMetrics.newBuilder().setSlice(s.slice())
                        .setRows(s.rows()).setMetrics(s.metrics()).build()).toList())
                .setChecks(result.checks().stream().map(CheckpointWrittenHandler::check).toList())
                .setReportUri(result.report().toString())
                .setPassed(result.passed())
                .build();
        evaluated.sendMessage(EventMessages.of(out, meta)).await().atMost(SEND_TIMEOUT);
    }

    private static GateCheck check(GateCheckResult result) {
        return GateCheck.newBuilder().setName(result.name()).setPassed(result.passed()).setObserved(result.observed())
                .setThreshold(result.threshold()).setReason(result.reason()).build();
    }
}
