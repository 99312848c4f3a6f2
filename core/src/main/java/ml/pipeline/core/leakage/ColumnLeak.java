package ml.pipeline.core.leakage;

/**
 * One feature's separation of the label: its folded ROC AUC ({@code null} with a {@code note}
 * when it could not be measured) and the verdict by the spec's levels: ok, warn or reject.
 */
public record ColumnLeak(String column, Double auc, String verdict, String note) {
    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String REJECT = "reject";
}
