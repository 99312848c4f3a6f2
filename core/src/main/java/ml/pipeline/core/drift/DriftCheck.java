package ml.pipeline.core.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.DriftSpec;
import ml.pipeline.core.validation.ColumnProfile;
import ml.pipeline.core.validation.DatasetProfile;

/**
 * Compares a dataset's profile with the baseline's, column by column, from their stored summaries
 * alone (a numeric column's quantile grid, a categorical column's frequencies).
 * PSI = sum over bins of (current - baseline) * ln(current / baseline), shares floored at
 * {@link #FLOOR} so an empty bin scores high but finite; numeric bins are fixed by the baseline's
 * deciles. Every compared column is reported, whatever its score; the id and time columns are not
 * compared (they change by nature).
 */
public final class DriftCheck {
    static final double FLOOR = 1e-4;
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final String OTHER = "(other)";

    private DriftCheck() {
    }

    /** The dataset behind the production model: its sha256, the model version, its stored profile. */
    public record Baseline(String datasetVersion, int modelVersion, DatasetProfile profile) {
    }

    public static DriftReport compare(Baseline baseline, DatasetProfile current, DatasetContract contract, DriftSpec spec) {
        List<ColumnDrift> columns = new ArrayList<>();
        List<DriftReport.Finding> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String against = "the dataset " + abbreviate(baseline.datasetVersion()) + " of production version " + baseline.modelVersion();
        for (ColumnSpec column : contract.columns()) {
            String name = column.name();
            ColumnProfile before = baseline.profile().columns().get(name);
            ColumnProfile now = current.columns().get(name);
            if (name.equals(contract.id()) || name.equals(contract.time()) || before == null || now == null) {
                continue;
            }
            Scores scores = score(column, name.equals(contract.label()), before, now);
            if (scores == null) {
                continue;
            }
            String verdict = ColumnDrift.OK;
            for (Check check : scores.checks(name, spec)) {
                if (check.limits().reject() != null && check.value() >= check.limits().reject()) {
                    verdict = ColumnDrift.REJECT;
                    String message = describe(name, check.score(), check.value(), "reject", check.limits().reject(), against);
                    rejections.add(new DriftReport.Finding(name, check.score(), round(check.value()), check.limits().reject(),
                            message));
                } else if (check.limits().warn() != null && check.value() >= check.limits().warn()) {
                    verdict = verdict.equals(ColumnDrift.REJECT) ? verdict : ColumnDrift.WARN;
                    warnings.add("drift: " + describe(name, check.score(), check.value(), "warn", check.limits().warn(), against));
                }
            }
            columns.add(new ColumnDrift(name, scores.kind(), round(scores.psi()), roundOrNull(scores.ks()),
                    roundOrNull(scores.unseen()), roundOrNull(scores.priorShift()), verdict));
        }
        String note = columns.isEmpty() ? "no column could be compared: the profile of " + against
                + " has no distribution summaries (it was written before drift was computed)" : null;
        return new DriftReport(baseline.datasetVersion(), baseline.modelVersion(), note, columns, rejections, warnings);
    }

    /** A column's scores; those that do not apply to its kind are null. */
    private record Scores(String kind, double psi, Double ks, Double unseen, Double priorShift) {
        /** What is judged: the label by its prior shift only, the others by each of their scores. */
        List<Check> checks(String column, DriftSpec spec) {
            List<Check> checks = new ArrayList<>();
            if (ColumnDrift.LABEL.equals(kind)) {
                checks.add(new Check("priorShift", priorShift, spec.priorShift()));
                return checks;
            }
            checks.add(new Check("psi", psi, spec.psiOf(column)));
            if (ks != null) {
                checks.add(new Check("ks", ks, spec.ksOf(column)));
            }
            if (unseen != null) {
                checks.add(new Check("unseen", unseen, spec.unseenOf(column)));
            }
            return checks;
        }
    }

    private record Check(String score, double value, DriftSpec.Limits limits) {
    }

    private static Scores score(ColumnSpec column, boolean label, ColumnProfile before, ColumnProfile now) {
        if (column.type() == ColumnType.NUMERIC) {
            if (isEmpty(before.grid()) || isEmpty(now.grid())) {
                return null;
            }
            double[] base = toArray(before.grid());
            double[] cur = toArray(now.grid());
            double psi = numericPsi(base, cur);
            if (label) {
                // A 0/1 label's mean is its share of positives.
                return new Scores(ColumnDrift.LABEL, psi, null, null, Math.abs(orZero(now.mean()) - orZero(before.mean())));
            }
            return new Scores(ColumnDrift.NUMERIC, psi, ks(base, cur), null, null);
        }
        if (column.type() == ColumnType.CATEGORICAL) {
            Map<String, Double> base = shares(before);
            Map<String, Double> cur = shares(now);
            if (base.isEmpty() || cur.isEmpty()) {
                return null;
            }
            double psi = categoricalPsi(base, cur);
            if (label) {
                Set<String> classes = new HashSet<>(base.keySet());
                classes.addAll(cur.keySet());
                double shift = classes.stream().mapToDouble(c -> Math.abs(cur.getOrDefault(c, 0.0) - base.getOrDefault(c, 0.0)))
                        .max().orElse(0);
                return new Scores(ColumnDrift.LABEL, psi, null, null, shift);
            }
            double unseen = cur.entrySet().stream().filter(e -> !base.containsKey(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
            return new Scores(ColumnDrift.CATEGORICAL, psi, null, unseen, null);
        }
        return null;
    }

    /** Each kept category's share of the column's values; what was not kept is one "other" share. */
    private static Map<String, Double> shares(ColumnProfile profile) {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (profile.frequencies() == null || profile.count() == 0) {
            return shares;
        }
        long kept = 0;
        for (Map.Entry<String, Long> e : profile.frequencies().entrySet()) {
            shares.put(e.getKey(), (double) e.getValue() / profile.count());
            kept += e.getValue();
        }
        if (kept < profile.count()) {
            shares.put(OTHER, (double) (profile.count() - kept) / profile.count());
        }
        return shares;
    }

    /** The share of values at or below {@code x}, read off a quantile grid (ranks 0, 1/n, ..., 1) by interpolation. */
    static double cdf(double[] grid, double x) {
        if (x < grid[0]) {
            return 0;
        }
        int last = grid.length - 1;
        if (x >= grid[last]) {
            return 1;
        }
        int j = 0;
        while (j < last && grid[j + 1] <= x) {
            j++;
        }
        double step = 1.0 / last;
        return j * step + (x - grid[j]) / (grid[j + 1] - grid[j]) * step;
    }

    /** PSI over the bins the baseline's deciles fix (as many as distinct deciles allow). */
    static double numericPsi(double[] baseline, double[] current) {
        double[] edges = Arrays.stream(DECILES).map(q -> baseline[(int) Math.round(q * (baseline.length - 1))]).distinct()
                .sorted().toArray();
        double[] expected = new double[edges.length + 1];
        double[] actual = new double[edges.length + 1];
        double previousExpected = 0;
        double previousActual = 0;
        for (int i = 0; i <= edges.length; i++) {
            double e = i == edges.length ? 1 : cdf(baseline, edges[i]);
            double a = i == edges.length ? 1 : cdf(current, edges[i]);
            expected[i] = e - previousExpected;
            actual[i] = a - previousActual;
            previousExpected = e;
            previousActual = a;
        }
        return psi(expected, actual);
    }

    /** The largest gap between the two CDFs, read at every grid point of either. */
    static double ks(double[] baseline, double[] current) {
        double max = 0;
        for (double[] grid : List.of(baseline, current)) {
            for (double x : grid) {
                max = Math.max(max, Math.abs(cdf(baseline, x) - cdf(current, x)));
            }
        }
        return max;
    }

    static double categoricalPsi(Map<String, Double> baseline, Map<String, Double> current) {
        Set<String> categories = new TreeSet<>(baseline.keySet());
        categories.addAll(current.keySet());
        double[] expected = new double[categories.size()];
        double[] actual = new double[categories.size()];
        int i = 0;
        for (String category : categories) {
            expected[i] = baseline.getOrDefault(category, 0.0);
            actual[i++] = current.getOrDefault(category, 0.0);
        }
        return psi(expected, actual);
    }

    static double psi(double[] expected, double[] actual) {
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i], FLOOR);
            double a = Math.max(actual[i], FLOOR);
            sum += (a - e) * Math.log(a / e);
        }
        return sum;
    }

    private static boolean isEmpty(List<Double> grid) {
        return grid == null || grid.isEmpty();
    }

    private static double[] toArray(List<Double> grid) {
        return grid.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String describe(String column, String score, double value, String level, double threshold, String against) {
        return String.format(Locale.ROOT, "column '%s': %s %.3f is at or above the %s level %s (against %s)", column, score,
                value, level, threshold, against);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static Double roundOrNull(Double value) {
        return value == null ? null : round(value);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static String abbreviate(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
    }
}
