package ml.pipeline.evaluator.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ml.pipeline.core.evaluation.Curves;
import ml.pipeline.core.evaluation.GateCheckResult;
import ml.pipeline.core.evaluation.SliceResult;
import ml.pipeline.core.report.SvgChart;
import ml.pipeline.core.search.Trial;
import ml.pipeline.core.training.MetricsAt;

/**
 * The evaluation report as the page shows it: the verdict's tables in reading order and the charts
 * as inline SVG. Built from report.json alone, so the page and the JSON never disagree.
 */
public record ReportView(EvaluationReport report, List<MetricRow> metrics, List<String> curveCharts,
        List<SliceRow> slices, List<String> trainingCharts, String trialsChart, List<String> trialColumns) {

    /** A metric of both models on the holdout; {@code production} null without one. */
    public record MetricRow(String metric, Double candidate, Double production) {
        public Double difference() {
            return candidate == null || production == null ? null : candidate - production;
        }
    }

    /** A slice's metrics and the gate's check of it, when the gate checks that slice ({@code checked} null otherwise). */
    public record SliceRow(String slice, long rows, Map<String, Double> metrics, Boolean checked, String reason) {
    }

    private static final String CANDIDATE = "candidate";
    private static final String PRODUCTION = "production";

    public static ReportView of(EvaluationReport report) {
        List<MetricRow> metrics = new ArrayList<>();
        report.candidateMetrics().forEach((name, value) -> metrics.add(new MetricRow(name, value,
                report.productionMetrics() == null ? null : report.productionMetrics().get(name))));
        ReportContext.Training training = report.context() == null ? null : report.context().training();
        return new ReportView(report, metrics, curveCharts(report.candidateCurves(), report.productionCurves()),
                sliceRows(report.slices(), report.checks()), training == null ? List.of() : trainingCharts(training.history()),
                training == null || training.trials().isEmpty() ? null : trialsChart(training),
                training == null ? List.of() : trialColumns(training.trials()));
    }

    public boolean hasProduction() {
        return report.productionMetrics() != null;
    }

    static List<String> curveCharts(Curves candidate, Curves production) {
        if (candidate == null) {
            return List.of();
        }
        SvgChart roc = new SvgChart("ROC curve", "false positive rate", "true positive rate").unitSquare(true);
        SvgChart pr = new SvgChart("Precision-recall curve", "recall", "precision").unitSquare(false);
        SvgChart calibration = new SvgChart("Calibration (reliability)", "mean predicted probability",
                "observed share positive").unitSquare(true);
        roc.add(new SvgChart.Series(CANDIDATE, points(candidate.roc()), false));
        pr.add(new SvgChart.Series(CANDIDATE, points(candidate.precisionRecall()), false));
        calibration.add(new SvgChart.Series(CANDIDATE, calibrationPoints(candidate), false));
        if (production != null) {
            roc.add(new SvgChart.Series(PRODUCTION, points(production.roc()), true));
            pr.add(new SvgChart.Series(PRODUCTION, points(production.precisionRecall()), true));
            calibration.add(new SvgChart.Series(PRODUCTION, calibrationPoints(production), true));
        }
        return List.of(roc.render(), pr.render(), calibration.render());
    }

    /** Losses on one chart, the validation's scores on another: their scales differ. */
    static List<String> trainingCharts(List<MetricsAt> history) {
        if (history == null || history.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        history.forEach(h -> names.addAll(h.metrics().keySet()));
        SvgChart losses = new SvgChart("Training curves: loss", "step", "loss");
        SvgChart scores = new SvgChart("Training curves: validation scores", "step", "score");
        for (String name : names) {
            List<SvgChart.Point> points = history.stream().filter(h -> h.metrics().get(name) != null)
                    .map(h -> new SvgChart.Point(h.step(), h.metrics().get(name))).toList();
            boolean loss = name.endsWith("loss");
            (loss ? losses : scores).add(new SvgChart.Series(name, points, name.startsWith("val_") && loss));
        }
        return List.of(losses.render(), scores.render());
    }

    static String trialsChart(ReportContext.Training training) {
        SvgChart chart = new SvgChart("Search: " + training.searchMetric() + " of each trial by rung", "rung",
                training.searchMetric());
        for (ReportContext.TrialOutcome trial : training.trials()) {
            List<SvgChart.Point> points = new ArrayList<>();
            for (int rung = 0; rung < trial.rungValues().size(); rung++) {
                Double value = trial.rungValues().get(rung);
                if (value != null) {
                    points.add(new SvgChart.Point(rung + 1, value));
                }
            }
            chart.add(new SvgChart.Series("trial " + trial.trial(), points, !"winner".equals(trial.outcome())));
        }
        return chart.render();
    }

    /** The hyperparameters that vary between trials: the trials table's columns. */
    static List<String> trialColumns(List<ReportContext.TrialOutcome> trials) {
        return Trial.varying(trials.stream().map(ReportContext.TrialOutcome::hyperparameters).toList());
    }

    static List<SliceRow> sliceRows(List<SliceResult> slices, List<GateCheckResult> checks) {
        List<SliceRow> rows = new ArrayList<>();
        for (SliceResult slice : slices == null ? List.<SliceResult>of() : slices) {
            Optional<GateCheckResult> check = checks.stream().filter(c -> c.name().contains(" on " + slice.slice() + " within "))
                    .findFirst();
            rows.add(new SliceRow(slice.slice(), slice.rows(), slice.metrics(), check.map(GateCheckResult::passed).orElse(null),
                    check.map(GateCheckResult::reason).orElse(null)));
        }
        return rows;
    }

    private static List<SvgChart.Point> points(List<Curves.Point> curve) {
        return curve.stream().map(p -> new SvgChart.Point(p.x(), p.y())).toList();
    }

    private static List<SvgChart.Point> calibrationPoints(Curves curves) {
        return curves.calibration().stream().map(b -> new SvgChart.Point(b.predicted(), b.observed())).toList();
    }
}
