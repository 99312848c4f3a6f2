package ml.pipeline.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** One line per event, for people following a run. */
final class DemoSummaries {
    private DemoSummaries() {
    }

    static String of(GenericRecord event) {
        return switch (event.getSchema().getName()) {
            case "DatasetPublished" -> event.get("rows") + " rows via " + event.get("source");
            case "DatasetValidated" -> "contract met; profile " + event.get("profileUri") + ", "
                    + ((List<?>) event.get("warnings")).size() + " warning(s); " + drift((GenericRecord) event.get("drift"))
                    + "; " + leakage(event);
            case "DatasetRejected" -> ((List<?>) event.get("reasons")).size() + " problem(s)";
            case "FeaturesReady" -> ((List<?>) event.get("featureNames")).size() + " features, transform "
                    + RunFollower.field(event, "features", "transformVersion").substring(0, 12) + timeSplit(event);
            case "CheckpointWritten" -> (Boolean.TRUE.equals(event.get("finalCheckpoint")) ? "final " : "") + "step "
                    + event.get("step") + " on " + event.get("device") + " " + rounded((Map<?, ?>) event.get("metrics"));
            case "ModelEvaluated" -> (Boolean.TRUE.equals(event.get("passed")) ? "passed" : "REFUSED") + " the gate: "
                    + rounded((Map<?, ?>) event.get("candidateMetrics"));
            case "EvaluationRequested" -> "evaluate again (evaluation " + event.get("attempt") + "): " + event.get("reason");
            case "ModelPromoted" -> "version " + event.get("version") + " -> " + event.get("stage");
            case "StageFailed" -> event.get("stage") + ": " + event.get("message");
            default -> "";
        };
    }

    static List<String> failedChecks(GenericRecord evaluated) {
        return ((List<?>) evaluated.get("checks")).stream().map(c -> (GenericRecord) c)
                .filter(c -> !Boolean.TRUE.equals(c.get("passed")))
                .map(c -> c.get("name") + ": " + c.get("reason")).toList();
    }

    static List<String> reasons(GenericRecord rejected) {
        return ((List<?>) rejected.get("reasons")).stream().map(r -> (GenericRecord) r)
                .map(r -> r.get("code") + (r.get("column") == null ? "" : " (" + r.get("column") + ")") + ": " + r.get("message"))
                .toList();
    }

    /** "drift against version 1: largest psi 0.031 (monthly_charges)", or why there was no comparison. */
    private static String drift(GenericRecord drift) {
        List<?> columns = drift.get("columns") == null ? List.of() : (List<?>) drift.get("columns");
        if (columns.isEmpty()) {
            return drift.get("note") == null ? "no drift computed" : String.valueOf(drift.get("note"));
        }
        GenericRecord largest = columns.stream().map(c -> (GenericRecord) c)
                .max(Comparator.comparingDouble(c -> (Double) c.get("psi"))).orElseThrow();
        return String.format(Locale.ROOT, "drift against version %s: largest psi %.3f (%s)", drift.get("baselineModelVersion"),
                (Double) largest.get("psi"), largest.get("column"));
    }

    /** "highest label AUC 0.812 (tenure_months)": the feature closest to a leak. */
    private static String leakage(GenericRecord validated) {
        List<?> columns = validated.get("leakage") == null ? List.of() : (List<?>) validated.get("leakage");
        return columns.stream().map(c -> (GenericRecord) c).filter(c -> c.get("auc") != null)
                .max(Comparator.comparingDouble(c -> (Double) c.get("auc")))
                .map(c -> String.format(Locale.ROOT, "highest label AUC %.3f (%s)", (Double) c.get("auc"), c.get("column")))
                .orElse("no label AUC measured");
    }

    private static String timeSplit(GenericRecord ready) {
        GenericRecord cutoffs = (GenericRecord) ready.get("timeSplit");
        return cutoffs == null ? "" : ", split by " + cutoffs.get("column") + ": train until " + cutoffs.get("trainUntil")
                + ", validation until " + cutoffs.get("validationUntil") + ", holdout after";
    }

    private static String rounded(Map<?, ?> metrics) {
        StringBuilder text = new StringBuilder("{");
        metrics.forEach((key, value) -> text.append(text.length() > 1 ? ", " : "").append(key).append('=')
                .append(String.format(Locale.ROOT, "%.3f", (Double) value)));
        return text.append('}').toString();
    }
}
