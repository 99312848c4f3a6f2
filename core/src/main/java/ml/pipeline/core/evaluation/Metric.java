package ml.pipeline.core.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The holdout metrics of a binary classifier, by the names specs and events use, and which way
 * each improves: the gate needs the direction to say what "better than production" means.
 */
public enum Metric {
    ROC_AUC(true),
    ACCURACY(true),
    PRECISION(true),
    RECALL(true),
    F1(true),
    LOG_LOSS(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Its name in specs, events and reports: roc_auc, log_loss, ... */
    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** +1 when higher is better, -1 when lower is: multiply a difference by it to read "better by". */
    public int direction() {
        return higherIsBetter ? 1 : -1;
    }

    /** Whether {@code value} is at least as good as {@code required}. */
    public boolean reaches(double value, double required) {
        return higherIsBetter ? value >= required : value <= required;
    }

    public static Optional<Metric> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.yamlName().equals(name)).findFirst();
    }

    /** The metric a spec names; the spec parser has already refused unknown names. */
    public static Metric named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Metric::yamlName).toList();
    }
}
