package ml.pipeline.trainer.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventMessages;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.stage.StageExecutor;
import ml.pipeline.trainer.domain.TrainingRuns;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * FeaturesReady in; one CheckpointWritten per checkpoint out, the last final. Training runs on a
 * worker thread, never on the Kafka poll loop, so a long run does not trigger a rebalance.
 */
@ApplicationScoped
public class FeaturesReadyHandler {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final TrainingRuns runs;
    private final SpecSnapshots specs;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final MutinyEmitter<CheckpointWritten> written;

    public FeaturesReadyHandler(TrainingRuns runs, SpecSnapshots specs, StageExecutor executor, EventMetas metas,
            @Channel(Topic.Names.CHECKPOINTS_WRITTEN) MutinyEmitter<CheckpointWritten> written) {
        this.runs = runs;
        this.specs = specs;
        this.executor = executor;
        this.metas = metas;
        this.written = written;
    }

    @Incoming(Topic.Names.FEATURES_READY)
    public Uni<Void> onFeaturesReady(Message<FeaturesReady> message) {
        FeaturesReady event = message.getPayload();
        return executor.run("trainer", message, event.getMeta(), () -> handle(event));
    }

    private void handle(FeaturesReady event) {
        PipelineSpec spec = specs.load(event.getSpec());
        runs.train(event, spec, checkpoint -> {
            EventMeta meta = metas.causedBy(event.getMeta());
            CheckpointWritten out = CheckpointWritten.newBuilder()
                    .setMeta(meta)
                    .setDataset(event.getDataset())
                    .setSpec(event.getSpec())
                    .setFeatures(event.getFeatures())
                    .setModelName(spec.modelName())
                    .setTrainingRunId(checkpoint.trainingRunId())
                    .setTrial(0)
                    .setStep(checkpoint.step())
                    .setEpoch(checkpoint.epoch())
                    .setUri(checkpoint.folder().toString())
                    .setMetrics(checkpoint.metrics())
                    .setFinalCheckpoint(checkpoint.finalCheckpoint())
                    .setDevice(checkpoint.device())
                    .build();
            written.sendMessage(EventMessages.of(out, meta)).await().atMost(SEND_TIMEOUT);
        });
    }
}
