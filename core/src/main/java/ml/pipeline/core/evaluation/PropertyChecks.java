package ml.pipeline.core.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.pipeline.core.spec.PropertySpec;

/**
 * The gate's behaviour checks: each {@link PropertySpec} tried on holdout rows (raw values, as
 * serving sees them) through a {@link Scorer}, and reported as a gate check with what was
 * observed, the threshold and why. Deterministic: the first rows, fixed grids and replacements.
 */
public final class PropertyChecks {
    /** The candidate as the checks see it: probabilities of class 1 for raw rows. */
    @FunctionalInterface
    public interface Scorer {
        float[] score(List<Map<String, String>> rows);
    }

    private PropertyChecks() {
    }

    public static List<GateCheckResult> check(List<PropertySpec> properties, List<Map<String, String>> holdout, Scorer model) {
        List<GateCheckResult> checks = new ArrayList<>();
        for (PropertySpec property : properties) {
            List<Map<String, String>> rows = holdout.subList(0, Math.min(property.rows(), holdout.size()));
            checks.add(PropertySpec.MONOTONIC.equals(property.type()) ? monotonic(property, rows, model)
                    : invariant(property, rows, model));
        }
        return checks;
    }

    /**
     * Each row scored at {@code steps} values of the column, evenly from its lowest to its highest
     * holdout value; a row violates the property when any step moves the probability against the
     * direction by more than the tolerance. Observed: the share of rows that do.
     */
    static GateCheckResult monotonic(PropertySpec property, List<Map<String, String>> rows, Scorer model) {
        String name = property.column() + " " + property.direction() + " (monotonic)";
        double[] range = range(property.column(), rows);
        if (range == null) {
            return new GateCheckResult(name, false, null, property.maxViolations(),
                    "no holdout row has a number in " + property.column() + ": the property cannot be checked");
        }
        int steps = property.steps();
        List<Map<String, String>> grid = new ArrayList<>(rows.size() * steps);
        for (Map<String, String> row : rows) {
            for (int s = 0; s < steps; s++) {
                Map<String, String> varied = new HashMap<>(row);
                varied.put(property.column(), number(range[0] + (range[1] - range[0]) * s / (steps - 1)));
                grid.add(varied);
            }
        }
        float[] p = model.score(grid);
        double sign = PropertySpec.INCREASING.equals(property.direction()) ? 1 : -1;
        int violating = 0;
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            double rowWorst = 0;
            for (int s = 1; s < steps; s++) {
                double against = -sign * (p[r * steps + s] - p[r * steps + s - 1]);
                rowWorst = Math.max(rowWorst, against);
            }
            violating += rowWorst > property.tolerance() ? 1 : 0;
            worst = Math.max(worst, rowWorst);
        }
        double share = rows.isEmpty() ? 0 : (double) violating / rows.size();
        boolean passed = !rows.isEmpty() && share <= property.maxViolations();
        return new GateCheckResult(name, passed, share, property.maxViolations(), String.format(
                "%d of %d rows move against it as %s goes from %s to %s in %d steps (largest move %.4f, tolerance %s)",
                violating, rows.size(), property.column(), number(range[0]), number(range[1]), steps, worst,
                property.tolerance()));
    }

    /**
     * Each row scored again with the column's value replaced: by every other value seen in the
     * rows, up to 10 (the most of them for a categorical column), else by the next row's value.
     * Observed: the largest change of any probability.
     */
    static GateCheckResult invariant(PropertySpec property, List<Map<String, String>> rows, Scorer model) {
        String name = property.column() + " (invariant)";
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(row -> seen.add(row.getOrDefault(property.column(), "")));
        List<String> replacements = seen.size() <= 10 ? List.copyOf(seen) : null;
        List<Map<String, String>> varied = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> row = rows.get(r);
            List<String> others = replacements != null ? replacements
                    : List.of(rows.get((r + 1) % rows.size()).getOrDefault(property.column(), ""));
            for (String other : others) {
                if (!other.equals(row.getOrDefault(property.column(), ""))) {
                    Map<String, String> copy = new HashMap<>(row);
                    copy.put(property.column(), other);
                    varied.add(copy);
                    origin.add(r);
                }
            }
        }
        if (varied.isEmpty()) {
            return new GateCheckResult(name, false, null, property.tolerance(),
                    property.column() + " has one value in the holdout rows: nothing to vary it with");
        }
        float[] before = model.score(rows);
        float[] after = model.score(varied);
        double worst = 0;
        for (int i = 0; i < after.length; i++) {
            worst = Math.max(worst, Math.abs(after[i] - before[origin.get(i)]));
        }
        boolean passed = worst <= property.tolerance();
        return new GateCheckResult(name, passed, worst, property.tolerance(), String.format(
                "replacing %s (%d variants of %d rows) moves a probability by at most %.4f (tolerance %s)",
                property.column(), varied.size(), rows.size(), worst, property.tolerance()));
    }

    private static double[] range(String column, List<Map<String, String>> rows) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Map<String, String> row : rows) {
            try {
                double value = Double.parseDouble(row.getOrDefault(column, "").trim());
                if (Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            } catch (NumberFormatException notANumber) {
                // Missing or not a number: the row's own value is not needed, only the column's range.
            }
        }
        return low <= high ? new double[] {low, high} : null;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
