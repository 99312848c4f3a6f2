package ml.pipeline.core.spec;

import java.util.List;

/**
 * When a run stops before its last epoch, and which checkpoint it ships: the one with the best
 * {@code metric} (a validation metric every checkpoint measures). Training stops once
 * {@code patience} checkpoints in a row have not improved on the best by more than
 * {@code minDelta}; {@code patience: 0} never stops early but still ships the best checkpoint.
 * <pre>
 * model: {earlyStopping: {metric: val_roc_auc, patience: 5, minDelta: 0.001}}
 * </pre>
 */
public record EarlyStoppingSpec(String metric, Integer patience, Double minDelta) {
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_ACCURACY = "val_accuracy";
    public static final String VAL_ROC_AUC = "val_roc_auc";
    public static final List<String> METRICS = List.of(VAL_LOSS, VAL_ACCURACY, VAL_ROC_AUC);
    public static final int DEFAULT_PATIENCE = 10;

    public EarlyStoppingSpec {
        metric = metric == null ? VAL_LOSS : metric;
        patience = patience == null ? DEFAULT_PATIENCE : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
    }

    public static EarlyStoppingSpec defaults() {
        return new EarlyStoppingSpec(null, null, null);
    }

    /** Loss falls as the model improves; accuracy and ROC AUC rise. */
    public boolean higherIsBetter() {
        return !VAL_LOSS.equals(metric);
    }
}
