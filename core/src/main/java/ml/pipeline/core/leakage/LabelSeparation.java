package ml.pipeline.core.leakage;

import java.util.HashMap;
import ml.pipeline.core.validation.CellValues;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * How well one feature alone separates the two label classes: its ROC AUC, folded so that 1 - AUC
 * counts the same (a feature that falls with the label leaks as much as one that rises). Memory is
 * bounded: a numeric feature keeps one KLL sketch per class (the AUC is read off their quantile
 * functions, within the sketches' rank error of about 1.3 %); a categorical one counts each class
 * per category, up to {@link #MAX_CATEGORIES}.
 */
final class LabelSeparation implements LeakageCheck.Feature {
    static final int MAX_CATEGORIES = 1000;
    /** A category needs this many rows on average for its share of positives to mean something. */
    static final int ROWS_PER_CATEGORY = 10;
    /** Fewer values than this in a class, and a perfect separation is too likely by chance to be called a leak. */
    static final int MIN_PER_CLASS = 10;
    private static final int POINTS = 1000;
    private static final int K = 200;

    private final boolean numeric;
    private final KllDoublesSketch[] numbers = {KllDoublesSketch.newHeapInstance(K), KllDoublesSketch.newHeapInstance(K)};
    private final Map<String, long[]> categories = new HashMap<>();
    private boolean tooManyCategories;
    private long rows;

    LabelSeparation(boolean numeric) {
        this.numeric = numeric;
    }

    @Override
    public void add(String cell, double number, int labelClass) {
        if (numeric) {
            if (!Double.isNaN(number)) {
                addNumber(number, labelClass);
            }
        } else if (!CellValues.isMissing(cell)) {
            addCategory(CellValues.category(cell), labelClass);
        }
    }

    void addNumber(double value, int labelClass) {
        numbers[labelClass].update(value);
        rows++;
    }

    void addCategory(String value, int labelClass) {
        rows++;
        long[] counts = categories.get(value);
        if (counts == null) {
            if (categories.size() >= MAX_CATEGORIES) {
                tooManyCategories = true;
                return;
            }
            counts = new long[2];
            categories.put(value, counts);
        }
        counts[labelClass]++;
    }

    /** The folded AUC (0.5 to 1), or null with {@link #whyNot()} saying why it was not measured. */
    Double auc() {
        if (whyNot() != null) {
            return null;
        }
        double auc = numeric ? numericAuc() : categoricalAuc();
        return Math.max(auc, 1 - auc);
    }

    String whyNot() {
        if (numeric) {
            return Math.min(numbers[0].getN(), numbers[1].getN()) < MIN_PER_CLASS ? tooFew() : null;
        }
        if (tooManyCategories || categories.size() * (long) ROWS_PER_CATEGORY > rows) {
            return "not measured: too many categories for the rows (" + (tooManyCategories ? "over " + MAX_CATEGORIES
                    : categories.size()) + " for " + rows + " rows) to tell a leak from chance";
        }
        long[] totals = totals();
        return Math.min(totals[0], totals[1]) < MIN_PER_CLASS ? tooFew() : null;
    }

    private static String tooFew() {
        return "not measured: fewer than " + MIN_PER_CLASS + " values in one of the label's classes";
    }

    /** P(x1 > x0) + P(x1 = x0) / 2 at evenly spaced ranks of class 1: mid-ranks in class 0 handle ties. */
    private double numericAuc() {
        KllDoublesSketch zero = numbers[0];
        KllDoublesSketch one = numbers[1];
        double sum = 0;
        for (int i = 0; i < POINTS; i++) {
            double value = one.getQuantile((i + 0.5) / POINTS, QuantileSearchCriteria.INCLUSIVE);
            sum += (zero.getRank(value, QuantileSearchCriteria.EXCLUSIVE) + zero.getRank(value, QuantileSearchCriteria.INCLUSIVE)) / 2;
        }
        return sum / POINTS;
    }

    /** The AUC of scoring each row by its category's share of class 1: categories in that order, ties halved. */
    private double categoricalAuc() {
        long[] totals = totals();
        double pairs = 0;
        long zerosBelow = 0;
        var ordered = categories.values().stream()
                .sorted((a, b) -> Double.compare(share(a), share(b))).toList();
        int i = 0;
        while (i < ordered.size()) {
            double share = share(ordered.get(i));
            long zeros = 0;
            long ones = 0;
            for (; i < ordered.size() && share(ordered.get(i)) == share; i++) {
                zeros += ordered.get(i)[0];
                ones += ordered.get(i)[1];
            }
            pairs += ones * (zerosBelow + zeros / 2.0);
            zerosBelow += zeros;
        }
        return pairs / ((double) totals[0] * totals[1]);
    }

    private static double share(long[] counts) {
        return (double) counts[1] / (counts[0] + counts[1]);
    }

    private long[] totals() {
        long[] totals = new long[2];
        categories.values().forEach(c -> {
            totals[0] += c[0];
            totals[1] += c[1];
        });
        return totals;
    }
}
