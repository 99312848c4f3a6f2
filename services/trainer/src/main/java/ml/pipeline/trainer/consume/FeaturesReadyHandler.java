package ml.pipeline.trainer.consume;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.Topic;
import ml.pipeline.modeling.Devices;
import ml.pipeline.modeling.RuntimeEnvironment;
import ml.pipeline.services.build.BuildInfo;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.stage.StageExecutor;
import ml.pipeline.trainer.events.TrainingEvents;
import ml.pipeline.trainer.service.TrainingStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * FeaturesReady in; one CheckpointWritten per checkpoint out, the last final. Training runs on a
 * worker thread, never on the Kafka poll loop, so a long run does not trigger a rebalance.
 */
@ApplicationScoped
public class FeaturesReadyHandler {
    private final TrainingStage training;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<CheckpointWritten> written;
    private Map<String, String> environment;

    public FeaturesReadyHandler(TrainingStage training, StageExecutor executor, EventMetas metas, EventSender sender,
            @Channel(Topic.Names.CHECKPOINTS_WRITTEN) MutinyEmitter<CheckpointWritten> written) {
        this.training = training;
        this.executor = executor;
        this.metas = metas;
        this.sender = sender;
        this.written = written;
    }

    @Incoming(Topic.Names.FEATURES_READY)
    public Uni<Void> onFeaturesReady(Message<FeaturesReady> message) {
        FeaturesReady event = message.getPayload();
        return executor.run(PipelineStage.TRAINER, message, event.getMeta(), () -> handle(event));
    }

    private void handle(FeaturesReady event) {
        // Checkpoints may be announced from another thread than this one: they carry the stage's trace.
        Context trace = Context.current();
        training.train(event, checkpoint -> sender.send(written, TrainingEvents.checkpointWritten(
                metas.causedBy(event.getMeta()), event, checkpoint, environment(), BuildInfo.codeVersion()), trace));
    }

    /** Read from the loaded engine once: it does not change while the service runs. */
    private synchronized Map<String, String> environment() {
        if (environment == null) {
            environment = RuntimeEnvironment.of(Devices.best());
        }
        return environment;
    }
}
