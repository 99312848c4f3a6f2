package ml.pipeline.core.spec;

/**
 * When a feature is suspected of leaking the label: its univariate ROC AUC against the label (or
 * 1 - AUC, whichever is higher) at or above {@code auc.warn} is a warning, at or above
 * {@code auc.reject} a refusal. By default it warns at 0.99 and never refuses: some real problems
 * have a feature that separates the classes by itself.
 * <pre>
 * leakage: {auc: {reject: 0.99}}
 * </pre>
 */
public record LeakageSpec(DriftSpec.Limits auc) {
    public static final double DEFAULT_WARN = 0.99;

    public LeakageSpec {
        auc = auc == null ? new DriftSpec.Limits(DEFAULT_WARN, null) : auc;
    }

    public static LeakageSpec defaults() {
        return new LeakageSpec(null);
    }
}
