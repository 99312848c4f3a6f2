package ml.pipeline.registry.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import ml.pipeline.core.Texts;
import ml.pipeline.core.notify.Alert;
import ml.pipeline.core.notify.AlertKind;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.GateCheck;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.RejectionReason;
import ml.pipeline.events.StageFailed;

/**
 * Each run event as the alert it raises, if it raises one ({@link AlertKind} says which kind):
 * a StageFailed, a DatasetRejected, a DatasetValidated with drifted columns, a ModelEvaluated that
 * failed its gate, a ModelPromoted. The summary is one line for people; the details are the facts
 * a receiver may act on.
 */
public final class RunAlerts {
    /** Reasons, checks and warnings quoted in an alert, at most; the rest are counted. */
    static final int MAX_LISTED = 20;
    /** Reasons or checks spelled out in the summary line. */
    static final int IN_SUMMARY = 3;
    private static final int SHORT_HASH = 12;

    private RunAlerts() {
    }

    public static Optional<Alert> of(StageFailed e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stage", e.getStage());
        details.put("errorClass", e.getErrorClass());
        details.put("message", Texts.bounded(e.getMessage()));
        details.put("attempts", e.getAttempts());
        details.put("retryable", e.getRetryable());
        details.put("causeTopic", e.getCauseTopic());
        String error = e.getErrorClass().substring(e.getErrorClass().lastIndexOf('.') + 1);
        return Optional.of(alert(AlertKind.FAILURE, e.getMeta(), "StageFailed", e.getStage() + " failed after " + e.getAttempts()
                + " attempt(s): " + error + ": " + Texts.bounded(e.getMessage())
                + (e.getRetryable() ? "; retry it with ./pipeline retry " + e.getMeta().getRunId() : ""), details));
    }

    public static Optional<Alert> of(DatasetRejected e) {
        List<String> codes = e.getReasons().stream().map(RejectionReason::getCode).toList();
        AlertKind kind = AlertKind.ofRejection(codes);
        List<RejectionReason> told = kind == AlertKind.DRIFT
                ? e.getReasons().stream().filter(r -> AlertKind.DRIFT_CODE.equals(r.getCode())).toList() : e.getReasons();
        Map<String, Object> details = dataset(e.getDataset());
        details.put("reasons", e.getReasons().stream().limit(MAX_LISTED).map(RunAlerts::reason).toList());
        details.put("reasonCount", e.getReasons().size());
        String summary = "dataset " + name(e.getDataset()) + " rejected" + (kind == AlertKind.DRIFT ? " for drift" : "") + ": "
                + listed(told.stream().map(r -> Texts.bounded(r.getMessage())).toList());
        return Optional.of(alert(kind, e.getMeta(), "DatasetRejected", summary, details));
    }

    /** Only a dataset with drifted columns (at a warn level: a reject level rejects it) raises an alert. */
    public static Optional<Alert> of(DatasetValidated e) {
        List<String> drifted = e.getDrift() == null ? List.of() : e.getDrift().getDriftedColumns();
        if (drifted.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> details = dataset(e.getDataset());
        details.put("driftedColumns", drifted);
        details.put("warnings", e.getWarnings().stream().filter(w -> w.startsWith("drift")).limit(MAX_LISTED)
                .map(Texts::bounded).toList());
        details.put("baselineVersion", e.getDrift().getBaselineVersion());
        details.put("baselineModelVersion", e.getDrift().getBaselineModelVersion());
        String against = e.getDrift().getBaselineModelVersion() == null ? "production's data"
                : "the data of production version " + e.getDrift().getBaselineModelVersion();
        return Optional.of(alert(AlertKind.DRIFT, e.getMeta(), "DatasetValidated", "dataset " + name(e.getDataset())
                + " drifted from " + against + " in " + String.join(", ", drifted.stream().limit(MAX_LISTED).toList())
                + "; accepted at the warn level, the run goes on", details));
    }

    /** Only a candidate that failed its gate raises an alert. */
    public static Optional<Alert> of(ModelEvaluated e) {
        if (e.getPassed()) {
            return Optional.empty();
        }
        List<GateCheck> failed = e.getChecks().stream().filter(c -> !c.getPassed()).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", e.getCandidate().getName());
        details.put("trainingRunId", e.getCandidate().getTrainingRunId());
        details.put("baselineVersion", e.getBaseline() == null ? null : e.getBaseline().getVersion());
        details.put("attempt", e.getAttempt());
        details.put("failedChecks", failed.stream().limit(MAX_LISTED).map(RunAlerts::check).toList());
        details.put("metrics", new TreeMap<>(e.getCandidateMetrics()));
        details.put("reportUri", e.getReportUri());
        String against = e.getBaseline() == null ? "with no model in production" : "against version " + e.getBaseline().getVersion();
        return Optional.of(alert(AlertKind.GATE_REFUSED, e.getMeta(), "ModelEvaluated", e.getCandidate().getName()
                + " candidate of training run " + e.getCandidate().getTrainingRunId() + " refused " + against + ": "
                + listed(failed.stream().map(c -> c.getName() + (c.getReason() == null ? "" : " (" + Texts.bounded(c.getReason()) + ")"))
                        .toList()) + "; production is unchanged", details));
    }

    public static Optional<Alert> of(ModelPromoted e) {
        AlertKind kind = AlertKind.ofStageChange(e.getReason());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", e.getModelName());
        details.put("version", e.getVersion());
        details.put("stage", e.getStage());
        details.put("previousVersion", e.getPreviousVersion());
        details.put("trafficShare", e.getTrafficShare());
        details.put("reason", Texts.bounded(e.getReason()));
        details.put("promotedBy", e.getPromotedBy());
        details.put("artifactUri", e.getArtifactUri());
        details.put("metrics", new TreeMap<>(e.getMetrics()));
        String where = kind == AlertKind.ROLLBACK ? " back in " + e.getStage() : " -> " + e.getStage();
        String share = e.getTrafficShare() == null ? ""
                : String.format(Locale.ROOT, " (%.0f %% of the traffic)", e.getTrafficShare() * 100);
        String replacing = e.getPreviousVersion() == null ? "" : ", replacing v" + e.getPreviousVersion();
        return Optional.of(alert(kind, e.getMeta(), "ModelPromoted", e.getModelName() + " v" + e.getVersion() + where + share
                + replacing + ", by " + e.getPromotedBy() + ": " + Texts.bounded(e.getReason()), details));
    }

    private static Alert alert(AlertKind kind, EventMeta meta, String event, String summary, Map<String, Object> details) {
        return new Alert(kind, meta.getPipeline(), meta.getRunId(), meta.getEventId(), event, meta.getOccurredAt(), summary, details);
    }

    private static Map<String, Object> dataset(DatasetRef dataset) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataset", dataset.getName());
        details.put("datasetVersion", dataset.getVersion());
        return details;
    }

    private static Map<String, Object> reason(RejectionReason reason) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", reason.getCode());
        map.put("column", reason.getColumn());
        map.put("message", Texts.bounded(reason.getMessage()));
        map.put("observed", Texts.bounded(reason.getObserved()));
        map.put("expected", Texts.bounded(reason.getExpected()));
        return map;
    }

    private static Map<String, Object> check(GateCheck check) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", check.getName());
        map.put("observed", check.getObserved());
        map.put("threshold", check.getThreshold());
        map.put("reason", Texts.bounded(check.getReason()));
        return map;
    }

    private static String name(DatasetRef dataset) {
        return dataset.getName() + "@" + dataset.getVersion().substring(0, Math.min(SHORT_HASH, dataset.getVersion().length()));
    }

    /** The first few, then how many more. */
    private static String listed(List<String> items) {
        List<String> shown = new ArrayList<>(items.stream().limit(IN_SUMMARY).toList());
        if (items.size() > IN_SUMMARY) {
            shown.add("and " + (items.size() - IN_SUMMARY) + " more");
        }
        return shown.isEmpty() ? "no reason given" : shown.stream().collect(Collectors.joining("; "));
    }
}
