package ml.pipeline.core.drift;

/**
 * One column's drift against the baseline: {@code kind} numeric (PSI over the baseline's decile
 * bins and the two-sample KS statistic), categorical (PSI over categories and the share of values
 * the baseline never had) or label (PSI and the prior shift: how much the share of each class
 * moved). Scores that do not apply are null. {@code verdict}: ok, warn or reject (the report's
 * rejections and warnings say why).
 */
public record ColumnDrift(String column, String kind, Double psi, Double ks, Double unseenShare, Double priorShift,
        String verdict) {
    public static final String NUMERIC = "numeric";
    public static final String CATEGORICAL = "categorical";
    public static final String LABEL = "label";
    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String REJECT = "reject";
}
