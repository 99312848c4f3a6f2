package ml.pipeline.evaluator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.pipeline.core.evaluation.Curves;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.SliceResult;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.PipelineSpec;

/**
 * The model card the artifact carries: what the model is for, its data, its metrics overall and
 * per slice, the gate's verdict and its limits, for people ({@code markdown}) and for tools
 * ({@code facts}, model-card.json). The limits are found in the verdict, not written by hand.
 */
public record ModelCard(String markdown, Facts facts) {

    public record Facts(String model, String trainingRunId, String pipeline, String purpose, String label,
            List<String> features, Dataset data, Map<String, Double> metrics, Map<String, Double> productionMetrics,
            List<SliceResult> slices, boolean passed, List<GateCheckResult> failedChecks, List<String> limitations,
            Map<String, String> hyperparameters, String codeVersion) {
    }

    public record Dataset(String name, String version, long rows, long holdoutRows) {
    }

    /** The largest gap between predicted and observed in a calibration bin that a card calls out. */
    static final double CALIBRATION_GAP = 0.1;
    /** Slices with fewer holdout rows than this have metrics too noisy to trust. */
    static final long FEW_ROWS = 30;

    public static Facts facts(EvaluationReport report, PipelineSpec spec) {
        String label = spec.dataset().label();
        List<String> features = spec.dataset().columns().stream().map(ColumnSpec::name)
                .filter(c -> !c.equals(label) && !c.equals(spec.dataset().id()) && !c.equals(spec.dataset().time())).toList();
        ReportContext context = report.context();
        long holdoutRows = report.candidateCurves() == null ? 0 : rows(report.candidateCurves().confusion());
        Dataset data = new Dataset(context == null ? null : context.lineage().dataset(),
                context == null ? null : context.lineage().datasetVersion(),
                context == null || context.data() == null ? 0 : context.data().rows(), holdoutRows);
        String purpose = String.format(Locale.ROOT,
                "Binary classifier of pipeline %s: the probability that '%s' is the positive class, for one row with the %d "
                        + "features of the pipeline's dataset contract.", spec.pipeline(), label, features.size());
        return new Facts(report.model(), report.trainingRunId(), spec.pipeline(), purpose, label, features, data,
                report.candidateMetrics(), report.productionMetrics(), report.slices(), report.passed(),
                report.checks().stream().filter(c -> !c.passed()).toList(), limitations(report, holdoutRows),
                context == null ? Map.of() : context.lineage().hyperparameters(),
                context == null ? null : context.lineage().codeVersion());
    }

    static List<String> limitations(EvaluationReport report, long holdoutRows) {
        List<String> limits = new ArrayList<>();
        limits.add(String.format(Locale.ROOT, "Measured on %d holdout rows of one dataset version; other populations and "
                + "later data are not measured (validate's drift checks watch new data).", holdoutRows));
        if (report.candidateCurves() != null) {
            report.candidateCurves().calibration().stream()
                    .filter(b -> Math.abs(b.observed() - b.predicted()) > CALIBRATION_GAP)
                    .max((a, b) -> Double.compare(Math.abs(a.observed() - a.predicted()), Math.abs(b.observed() - b.predicted())))
                    .ifPresent(b -> limits.add(String.format(Locale.ROOT,
                            "Probabilities are not calibrated everywhere: rows scored %.1f-%.1f were positive %.0f%% of the time "
                                    + "against %.0f%% predicted (%d rows).", b.from(), b.to(), 100 * b.observed(),
                            100 * b.predicted(), b.rows())));
        }
        for (SliceResult slice : report.slices() == null ? List.<SliceResult>of() : report.slices()) {
            if (slice.rows() < FEW_ROWS) {
                limits.add("Slice " + slice.slice() + " has only " + slice.rows() + " holdout rows: its metrics are noisy.");
            }
        }
        report.checks().stream().filter(c -> !c.passed())
                .forEach(c -> limits.add("Fails the gate's check '" + c.name() + "': " + c.reason()));
        ReportContext context = report.context();
        if (context != null && context.data() != null && context.data().validated() != null) {
            context.data().validated().drift().stream().filter(d -> !"ok".equals(d.verdict()))
                    .forEach(d -> limits.add(String.format(Locale.ROOT,
                            "Column %s drifted from the production model's data (PSI %.3f, %s).", d.column(), d.psi(), d.verdict())));
        }
        return limits;
    }

    private static long rows(Curves.Confusion confusion) {
        return confusion.truePositive() + confusion.falsePositive() + confusion.trueNegative() + confusion.falseNegative();
    }
}
