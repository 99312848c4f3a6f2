package ml.pipeline.core.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holdout metrics of a binary classifier from its predicted probabilities of class 1, keyed by
 * {@link Metric} name: roc_auc (rank-based, ties averaged), accuracy, precision, recall and f1 at
 * 0.5, and log_loss.
 */
public final class BinaryMetrics {
    private static final double CLIP = 1e-7;

    private BinaryMetrics() {
    }

    public static Map<String, Double> of(float[] probabilities, float[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no examples to evaluate on");
        }
        Curves.Confusion at = Curves.Confusion.of(probabilities, labels, Curves.THRESHOLD);
        long truePositive = at.truePositive();
        long falsePositive = at.falsePositive();
        long falseNegative = at.falseNegative();
        long correct = truePositive + at.trueNegative();
        double logLoss = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(1 - CLIP, Math.max(CLIP, probabilities[i]));
            logLoss -= labels[i] >= 0.5f ? Math.log(p) : Math.log(1 - p);
        }
        double precision = truePositive + falsePositive == 0 ? 0 : (double) truePositive / (truePositive + falsePositive);
        double recall = truePositive + falseNegative == 0 ? 0 : (double) truePositive / (truePositive + falseNegative);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Metric.ROC_AUC.yamlName(), rocAuc(probabilities, labels));
        metrics.put(Metric.ACCURACY.yamlName(), (double) correct / labels.length);
        metrics.put(Metric.PRECISION.yamlName(), precision);
        metrics.put(Metric.RECALL.yamlName(), recall);
        metrics.put(Metric.F1.yamlName(), precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        metrics.put(Metric.LOG_LOSS.yamlName(), logLoss / labels.length);
        return metrics;
    }

    /** Mann-Whitney: the chance a random positive scores above a random negative; 0.5 with one class only. */
    public static double rocAuc(float[] scores, float[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] >= 0.5f) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
