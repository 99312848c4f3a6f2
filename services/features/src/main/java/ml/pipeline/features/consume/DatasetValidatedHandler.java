package ml.pipeline.features.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.Topic;
import ml.pipeline.features.events.FeatureEvents;
import ml.pipeline.features.service.FeatureStage;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.stage.StageExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** DatasetValidated in; feature splits and transform.json stored; FeaturesReady out. */
@ApplicationScoped
public class DatasetValidatedHandler {
    private final FeatureStage features;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<FeaturesReady> ready;

    public DatasetValidatedHandler(FeatureStage features, StageExecutor executor, EventMetas metas, EventSender sender,
            @Channel(Topic.Names.FEATURES_READY) MutinyEmitter<FeaturesReady> ready) {
        this.features = features;
        this.executor = executor;
        this.metas = metas;
        this.sender = sender;
        this.ready = ready;
    }

    @Incoming(Topic.Names.DATASETS_VALIDATED)
    public Uni<Void> onValidated(Message<DatasetValidated> message) {
        DatasetValidated event = message.getPayload();
        return executor.run(PipelineStage.FEATURES, message, event.getMeta(), () -> handle(event));
    }

    private void handle(DatasetValidated event) {
        FeatureStage.Built built = features.build(event.getDataset(), event.getSpec());
        sender.send(ready, FeatureEvents.ready(metas.causedBy(event.getMeta()), event, built));
    }
}
