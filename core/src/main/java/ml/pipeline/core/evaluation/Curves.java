package ml.pipeline.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a report draws of a classifier on the holdout: its ROC and precision-recall curves, its
 * reliability (calibration) bins and its confusion matrix at the decision threshold, 0.5, the one
 * {@link BinaryMetrics} uses. Curves keep at most {@value #MAX_POINTS} points: enough to draw,
 * small enough to store in the report.
 */
public record Curves(List<Point> roc, List<Point> precisionRecall, List<CalibrationBin> calibration, Confusion confusion) {
    static final int MAX_POINTS = 201;
    static final int CALIBRATION_BINS = 10;
    public static final double THRESHOLD = 0.5;

    /** One point of a curve; for ROC x is the false positive rate and y the true positive rate, for PR x is recall and y precision. */
    public record Point(double x, double y) {
    }

    /** Rows whose predicted probability fell in one tenth of [0, 1]: their mean prediction and the share that were positive. */
    public record CalibrationBin(double from, double to, double predicted, double observed, long rows) {
    }

    public record Confusion(double threshold, long truePositive, long falsePositive, long trueNegative, long falseNegative) {
        /** Rows predicted positive at or above {@code threshold}, against their labels. */
        public static Confusion of(float[] probabilities, float[] labels, double threshold) {
            long tp = 0;
            long fp = 0;
            long tn = 0;
            long fn = 0;
            for (int i = 0; i < probabilities.length; i++) {
                boolean predicted = probabilities[i] >= threshold;
                boolean actual = labels[i] >= 0.5f;
                if (predicted && actual) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (actual) {
                    fn++;
                } else {
                    tn++;
                }
            }
            return new Confusion(threshold, tp, fp, tn, fn);
        }
    }

    public static Curves of(float[] probabilities, float[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + labels.length + " labels");
        }
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        long positives = 0;
        for (float label : labels) {
            positives += label >= 0.5f ? 1 : 0;
        }
        long negatives = labels.length - positives;

        // Lower the threshold one distinct score at a time: each step admits the rows scored there.
        List<Point> roc = new ArrayList<>(List.of(new Point(0, 0)));
        List<Point> pr = new ArrayList<>(List.of(new Point(0, 1)));
        long truePositive = 0;
        long falsePositive = 0;
        int i = 0;
        while (i < order.length) {
            float score = probabilities[order[i]];
            while (i < order.length && probabilities[order[i]] == score) {
                if (labels[order[i]] >= 0.5f) {
                    truePositive++;
                } else {
                    falsePositive++;
                }
                i++;
            }
            roc.add(new Point(rate(falsePositive, negatives), rate(truePositive, positives)));
            pr.add(new Point(rate(truePositive, positives), rate(truePositive, truePositive + falsePositive)));
        }
        return new Curves(thin(roc), thin(pr), calibration(probabilities, labels),
                Confusion.of(probabilities, labels, THRESHOLD));
    }

    private static List<CalibrationBin> calibration(float[] probabilities, float[] labels) {
        double[] predicted = new double[CALIBRATION_BINS];
        long[] positive = new long[CALIBRATION_BINS];
        long[] rows = new long[CALIBRATION_BINS];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (probabilities[i] * CALIBRATION_BINS));
            predicted[bin] += probabilities[i];
            positive[bin] += labels[i] >= 0.5f ? 1 : 0;
            rows[bin]++;
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            if (rows[bin] > 0) {
                bins.add(new CalibrationBin((double) bin / CALIBRATION_BINS, (double) (bin + 1) / CALIBRATION_BINS,
                        predicted[bin] / rows[bin], (double) positive[bin] / rows[bin], rows[bin]));
            }
        }
        return bins;
    }

    /** Evenly spaced points of the curve, its ends kept. */
    static List<Point> thin(List<Point> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        List<Point> kept = new ArrayList<>(MAX_POINTS);
        for (int k = 0; k < MAX_POINTS; k++) {
            kept.add(points.get((int) Math.round((double) k * (points.size() - 1) / (MAX_POINTS - 1))));
        }
        return kept;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
