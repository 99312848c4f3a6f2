package ml.pipeline.core.spec;

import java.util.List;

/**
 * A behaviour the model must show, checked by the gate on holdout rows:
 * <ul>
 * <li>{@code monotonic}: as {@code column} (numeric) goes from its lowest to its highest holdout
 * value in {@code steps} steps, other columns fixed, the probability never moves against
 * {@code direction} ({@code increasing} or {@code decreasing}) by more than {@code tolerance};
 * at most {@code maxViolations} (a share) of the rows may break it.</li>
 * <li>{@code invariant}: replacing {@code column}'s value with another row's (every other
 * category, for a categorical column) moves no probability by more than {@code tolerance}.</li>
 * </ul>
 * {@code rows}: how many holdout rows are checked (the first ones; default 200).
 * <pre>
 * evaluation:
 *   properties:
 *     - {type: monotonic, column: tenure_months, direction: decreasing}
 *     - {type: invariant, column: customer_id}
 * </pre>
 */
public record PropertySpec(String type, String column, String direction, Double tolerance, Integer steps,
        Double maxViolations, Integer rows) {
    public static final String MONOTONIC = "monotonic";
    public static final String INVARIANT = "invariant";
    public static final List<String> TYPES = List.of(MONOTONIC, INVARIANT);
    public static final String INCREASING = "increasing";
    public static final String DECREASING = "decreasing";
    public static final List<String> DIRECTIONS = List.of(INCREASING, DECREASING);

    public PropertySpec {
        tolerance = tolerance == null ? (INVARIANT.equals(type) ? 0.01 : 0.001) : tolerance;
        steps = steps == null ? 10 : steps;
        maxViolations = maxViolations == null ? 0.0 : maxViolations;
        rows = rows == null ? 200 : rows;
    }
}
