package ml.pipeline.validate.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.EventMetas;
import ml.pipeline.core.validation.ContractViolation;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.DriftSummary;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventMessages;
import ml.pipeline.services.stage.StageExecutor;
import ml.pipeline.validate.domain.DatasetChecks;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** DatasetPublished in; DatasetValidated or DatasetRejected (every problem listed) out. */
@ApplicationScoped
public class DatasetPublishedHandler {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final DatasetChecks checks;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final MutinyEmitter<DatasetValidated> validated;
    private final MutinyEmitter<DatasetRejected> rejected;

    public DatasetPublishedHandler(DatasetChecks checks, StageExecutor executor, EventMetas metas,
            @Channel(Topic.Names.DATASETS_VALIDATED) MutinyEmitter<DatasetValidated> validated,
            @Channel(Topic.Names.DATASETS_REJECTED) MutinyEmitter<DatasetRejected> rejected) {
        this.checks = checks;
        this.executor = executor;
        this.metas = metas;
        this.validated = validated;
        this.rejected = rejected;
    }

    @Incoming(Topic.Names.DATASETS_PUBLISHED)
    public Uni<Void> onPublished(Message<DatasetPublished> message) {
        DatasetPublished event = message.getPayload();
        return executor.run("validate", message, event.getMeta(), () -> handle(event));
    }

    private void handle(DatasetPublished event) {
        DatasetChecks.Outcome outcome = checks.check(event);
        EventMeta meta = metas.causedBy(event.getMeta());
        if (outcome.result().passed()) {
            DatasetValidated out = DatasetValidated.newBuilder()
                    .setMeta(meta)
                    .setDataset(event.getDataset())
                    .setSpec(event.getSpec())
                    .setProfileUri(outcome.profileUri().toString())
                    .setQuality(outcome.quality())
                    // Drift needs the profile behind the production model; none is tracked yet.
                    .setDrift(DriftSummary.newBuilder().setBaselineVersion(null).setColumnScores(Map.of())
                            .setDriftedColumns(List.of()).build())
                    .setWarnings(outcome.result().warnings())
                    .build();
            validated.sendMessage(EventMessages.of(out, meta)).await().atMost(SEND_TIMEOUT);
        } else {
            DatasetRejected out = DatasetRejected.newBuilder()
                    .setMeta(meta)
                    .setDataset(event.getDataset())
                    .setSpec(event.getSpec())
                    .setReasons(outcome.result().violations().stream().map(DatasetPublishedHandler::reason).toList())
                    .build();
            rejected.sendMessage(EventMessages.of(out, meta)).await().atMost(SEND_TIMEOUT);
        }
    }

    private static RejectionReason reason(ContractViolation violation) {
        return RejectionReason.newBuilder()
                .setCode(violation.code())
                .setColumn(violation.column())
                .setMessage(violation.message())
                .setObserved(violation.observed())
                .setExpected(violation.expected())
                .build();
    }
}
