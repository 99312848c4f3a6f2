package ml.pipeline.validate.events;

import java.util.List;
import java.util.Map;
import ml.pipeline.core.validation.ContractViolation;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.DriftSummary;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.validate.service.ValidationStage;

/** Validate's verdict as an event: DatasetValidated with the profile and quality, or DatasetRejected with every reason. */
public final class ValidationEvents {
    private ValidationEvents() {
    }

    public static DatasetValidated validated(EventMeta meta, DatasetPublished cause, ValidationStage.Outcome outcome) {
        return DatasetValidated.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setProfileUri(outcome.profileUri().toString())
                .setQuality(outcome.quality())
                // Drift needs the profile behind the production model; none is tracked yet.
                .setDrift(DriftSummary.newBuilder().setBaselineVersion(null).setColumnScores(Map.of())
                        .setDriftedColumns(List.of()).build())
                .setWarnings(outcome.result().warnings())
                .build();
    }

    public static DatasetRejected rejected(EventMeta meta, DatasetPublished cause, ValidationStage.Outcome outcome) {
        return DatasetRejected.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setReasons(outcome.result().violations().stream().map(ValidationEvents::reason).toList())
                .build();
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
