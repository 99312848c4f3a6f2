package ml.pipeline.evaluator.domain;

import java.util.List;
import java.util.Map;
import ml.pipeline.core.training.MetricsAt;

/**
 * What the evaluation report shows besides the verdict: where the candidate came from (lineage),
 * how it trained (curves, stop, a search's trials) and its data (profile, validation's findings).
 * Gathered at the first evaluation and kept in report.json, so that an evaluation asked for again
 * shows the same.
 */
public record ReportContext(Lineage lineage, Training training, Data data) {

    /** The run's inputs and the code and machine the candidate was trained with. */
    public record Lineage(String pipeline, String runId, String dataset, String datasetVersion, String datasetUri,
            String specUri, String specSha256, String transformVersion, String transformUri, String experiment,
            String codeVersion, Map<String, String> environment, Map<String, String> hyperparameters) {
    }

    /** {@code history}: every checkpoint's metrics, oldest first; {@code trials}: a search's, else empty. */
    public record Training(String trainingRunId, String stopReason, Long bestStep, String bestMetric, Double bestValue,
            List<MetricsAt> history, String searchId, String searchMetric, List<TrialOutcome> trials) {
    }

    /** One trial of a search: its hyperparameters, its metric at each rung it reached, and how it ended. */
    public record TrialOutcome(int trial, Map<String, String> hyperparameters, List<Double> rungValues, String outcome) {
    }

    /** {@code validated}: validate's findings under the run's spec; null when they were not kept (older runs). */
    public record Data(long rows, Map<String, Double> quality, List<ColumnSummary> columns, Findings validated) {
    }

    /** One declared column's profile, as the report's table shows it. */
    public record ColumnSummary(String column, String type, long nulls, Double min, Double max, Double mean, Long distinct,
            String top, Double labelAuc) {
    }

    public record Findings(List<String> warnings, String driftBaseline, Integer driftBaselineModelVersion, String driftNote,
            List<DriftRow> drift, List<SchemaChange> schemaChanges, List<Leak> leakage) {
    }

    public record DriftRow(String column, String kind, double psi, Double ks, Double unseenShare, Double priorShift,
            String verdict) {
    }

    public record SchemaChange(String column, String change, String against, String expected, String found) {
    }

    public record Leak(String column, Double auc, String verdict, String note) {
    }
}
