package ml.pipeline.core.validation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Streaming statistics of numbers in constant memory: exact count, min, max, mean and standard
 * deviation (Welford), and (unless made with {@link #momentsOnly()}) quantiles from a fixed-size,
 * seeded reservoir sample (exact while the column has at most SAMPLE_SIZE values, approximate
 * beyond). The transform's median comes from here, not from a KLL sketch: KLL's compactions are
 * randomised, and the same bytes must give the same transform, bit for bit.
 */
public final class NumericSummary {
    public static final int SAMPLE_SIZE = 8192;
    private static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    private final double[] sample;
    private final SplittableRandom random = new SplittableRandom(42);
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double squaredDeviations;

    public NumericSummary() {
        this.sample = new double[SAMPLE_SIZE];
    }

    private NumericSummary(double[] sample) {
        this.sample = sample;
    }

    /** Count, min, max, mean and std only: no sample to keep (the profile's quantiles come from {@link NumericSketch}). */
    public static NumericSummary momentsOnly() {
        return new NumericSummary(null);
    }

    public void add(double value) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        if (sample == null) {
            return;
        }
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
        if (sample == null) {
            throw new IllegalStateException("a moments-only summary keeps no sample to take quantiles from");
        }
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
