package ml.pipeline.core.validation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Streaming statistics of numbers in constant memory: exact count, min, max, mean and standard
 * deviation (Welford), and quantiles from a fixed-size, seeded reservoir sample (exact while the
 * column has at most SAMPLE_SIZE values, approximate beyond).
 */
public final class NumericSummary {
    public static final int SAMPLE_SIZE = 8192;
    private static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    private final double[] sample = new double[SAMPLE_SIZE];
    private final SplittableRandom random = new SplittableRandom(42);
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double squaredDeviations;

    public void add(double value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        if (count <= SAMPLE_SIZE) {
            sample[(int) count - 1] = value;
        } else {
            long slot = random.nextLong(count);
            if (slot < SAMPLE_SIZE) {
                sample[(int) slot] = value;
            }
        }
    }

    public long count() {
        return count;
    }

    public Double min() {
        return count == 0 ? null : min;
    }

    public Double max() {
        return count == 0 ? null : max;
    }

    public Double mean() {
        return count == 0 ? null : mean;
    }

    /** Sample standard deviation (n - 1). */
    public Double std() {
        if (count == 0) {
            return null;
        }
        return count < 2 ? 0.0 : Math.sqrt(squaredDeviations / (count - 1));
    }

    /** The median: exact up to SAMPLE_SIZE values, from the sample beyond. */
    public Double median() {
        return count == 0 ? null : quantiles().get("p50");
    }

    public Map<String, Double> quantiles() {
        Map<String, Double> result = new LinkedHashMap<>();
        if (count == 0) {
            return result;
        }
        double[] sorted = Arrays.copyOf(sample, (int) Math.min(count, SAMPLE_SIZE));
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            result.put("p" + Math.round(q * 100), interpolate(sorted, q));
        }
        return result;
    }

    private static double interpolate(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
