package ml.pipeline.features.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.features.Split;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.FeatureSplit;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.Topic;
import ml.pipeline.features.domain.FeatureEngineering;
import ml.pipeline.services.messaging.EventMessages;
import ml.pipeline.services.spec.SpecSnapshots;
import ml.pipeline.services.stage.StageExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** DatasetValidated in; feature splits and transform.json stored; FeaturesReady out. */
@ApplicationScoped
public class DatasetValidatedHandler {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final FeatureEngineering engineering;
    private final SpecSnapshots specs;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final MutinyEmitter<FeaturesReady> ready;

    public DatasetValidatedHandler(FeatureEngineering engineering, SpecSnapshots specs, StageExecutor executor,
            EventMetas metas, @Channel(Topic.Names.FEATURES_READY) MutinyEmitter<FeaturesReady> ready) {
        this.engineering = engineering;
        this.specs = specs;
        this.executor = executor;
        this.metas = metas;
        this.ready = ready;
    }

    @Incoming(Topic.Names.DATASETS_VALIDATED)
    public Uni<Void> onValidated(Message<DatasetValidated> message) {
        DatasetValidated event = message.getPayload();
        return executor.run("features", message, event.getMeta(), () -> handle(event));
    }

    private void handle(DatasetValidated event) {
        PipelineSpec spec = specs.load(event.getSpec());
        FeatureEngineering.Built built = engineering.build(event.getDataset(), spec);
        EventMeta meta = metas.causedBy(event.getMeta());
        FeaturesReady out = FeaturesReady.newBuilder()
                .setMeta(meta)
                .setDataset(event.getDataset())
                .setSpec(event.getSpec())
                .setFeatures(FeaturesRef.newBuilder().setTransformVersion(built.transformVersion())
                        .setUri(built.folder().toString()).setTransformUri(built.transformUri().toString()).build())
                .setSplits(Arrays.stream(Split.values())
                        .map(split -> FeatureSplit.newBuilder().setName(split.fileName())
                                .setUri(built.split(split).toString()).setRows(built.rows().get(split)).build())
                        .toList())
                .setFeatureNames(built.featureNames())
                .setLabel(built.label())
                .build();
        ready.sendMessage(EventMessages.of(out, meta)).await().atMost(SEND_TIMEOUT);
    }
}
