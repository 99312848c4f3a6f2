package ml.pipeline.validate.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.metrics.PipelineMetrics;
import ml.pipeline.services.stage.StageExecutor;
import ml.pipeline.validate.events.ValidationEvents;
import ml.pipeline.validate.service.ValidationStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** DatasetPublished in; DatasetValidated or DatasetRejected (every problem listed) out. */
@ApplicationScoped
public class DatasetPublishedHandler {
    private final ValidationStage validation;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<DatasetValidated> validated;
    private final MutinyEmitter<DatasetRejected> rejected;
    private final PipelineMetrics metrics;

    public DatasetPublishedHandler(ValidationStage validation, StageExecutor executor, EventMetas metas, EventSender sender,
            @Channel(Topic.Names.DATASETS_VALIDATED) MutinyEmitter<DatasetValidated> validated,
            @Channel(Topic.Names.DATASETS_REJECTED) MutinyEmitter<DatasetRejected> rejected, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.validation = validation;
        this.executor = executor;
        this.metas = metas;
        this.sender = sender;
        this.validated = validated;
        this.rejected = rejected;
    }

    @Incoming(Topic.Names.DATASETS_PUBLISHED)
    public Uni<Void> onPublished(Message<DatasetPublished> message) {
        DatasetPublished event = message.getPayload();
        return executor.run(PipelineStage.VALIDATE, message, event.getMeta(), () -> handle(event));
    }

    private void handle(DatasetPublished event) {
        ValidationStage.Outcome outcome = validation.check(event.getDataset(), event.getSpec(), event.getMeta().getOccurredAt());
        EventMeta meta = metas.causedBy(event.getMeta());
        if (outcome.passed()) {
            DatasetValidated verdict = ValidationEvents.validated(meta, event, outcome);
            validation.keep(verdict);
            sender.send(validated, verdict);
        } else {
            sender.send(rejected, ValidationEvents.rejected(meta, event, outcome));
            metrics.datasetRejected(meta.getPipeline(), outcome.drift().rejects());
        }
    }
}
