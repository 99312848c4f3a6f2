package ml.pipeline.validate.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ml.pipeline.core.drift.ColumnDrift;
import ml.pipeline.core.drift.DriftReport;
import ml.pipeline.core.validation.ContractViolation;
import ml.pipeline.events.ColumnDriftScore;
import ml.pipeline.events.ColumnLeakScore;
import ml.pipeline.events.SchemaChangeEntry;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.DriftSummary;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.validate.service.ValidationStage;

/**
 * Validate's verdict as an event: DatasetValidated with the profile, quality and every column's
 * drift scores, or DatasetRejected with every reason (broken rules of the contract, or drift at a
 * reject level).
 */
public final class ValidationEvents {
    /** Code for a drift score at or above its reject level. */
    static final String DRIFT = "DRIFT";

    private ValidationEvents() {
    }

    public static DatasetValidated validated(EventMeta meta, DatasetPublished cause, ValidationStage.Outcome outcome) {
        return DatasetValidated.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setProfileUri(outcome.profileUri().toString())
                .setQuality(outcome.quality())
                .setDrift(drift(outcome.drift()))
                .setWarnings(Stream.of(outcome.result().warnings(), outcome.checks().warnings(), outcome.drift().warnings())
                        .flatMap(List::stream).toList())
                .setSchemaChanges(outcome.checks().schemaChanges().stream().map(c -> SchemaChangeEntry.newBuilder()
                        .setColumn(c.column()).setChange(c.change()).setAgainst(c.against()).setExpected(c.expected())
                        .setFound(c.found()).build()).toList())
                .setLeakage(outcome.result().leakage().stream().map(l -> ColumnLeakScore.newBuilder().setColumn(l.column())
                        .setAuc(l.auc()).setVerdict(l.verdict()).setNote(l.note()).build()).toList())
                .build();
    }

    /** Every compared column's scores, whatever their values. */
    static DriftSummary drift(DriftReport report) {
        Map<String, Double> psi = new LinkedHashMap<>();
        report.columns().forEach(c -> psi.put(c.column(), c.psi()));
        return DriftSummary.newBuilder()
                .setBaselineVersion(report.baselineDataset())
                .setBaselineModelVersion(report.baselineModelVersion())
                .setNote(report.note())
                .setColumnScores(psi)
                .setDriftedColumns(report.columns().stream().filter(c -> !ColumnDrift.OK.equals(c.verdict()))
                        .map(ColumnDrift::column).toList())
                .setColumns(report.columns().stream().map(c -> ColumnDriftScore.newBuilder().setColumn(c.column())
                        .setKind(c.kind()).setPsi(c.psi()).setKs(c.ks()).setUnseenShare(c.unseenShare())
                        .setPriorShift(c.priorShift()).setVerdict(c.verdict()).build()).toList())
                .build();
    }

    public static DatasetRejected rejected(EventMeta meta, DatasetPublished cause, ValidationStage.Outcome outcome) {
        return DatasetRejected.newBuilder()
                .setMeta(meta)
                .setDataset(cause.getDataset())
                .setSpec(cause.getSpec())
                .setReasons(Stream.of(outcome.result().violations().stream().map(ValidationEvents::reason),
                        outcome.checks().rejections().stream().map(ValidationEvents::reason),
                        outcome.drift().rejections().stream().map(ValidationEvents::reason)).flatMap(s -> s).toList())
                .build();
    }

    private static RejectionReason reason(DriftReport.Finding finding) {
        return RejectionReason.newBuilder()
                .setCode(DRIFT)
                .setColumn(finding.column())
                .setMessage(finding.message())
                .setObserved(finding.score() + " " + finding.value())
                .setExpected(finding.score() + " below " + finding.level())
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
