package ml.pipeline.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void namesAreTheOnesSpecsAndEventsUse() {
        assertEquals(List.of("roc_auc", "accuracy", "precision", "recall", "f1", "log_loss"), Metric.names());
        assertEquals(Optional.of(Metric.LOG_LOSS), Metric.byName("log_loss"));
        assertEquals(Optional.empty(), Metric.byName("auc"));
        assertThrows(IllegalArgumentException.class, () -> Metric.named("auc"));
    }

    @Test
    void onlyLogLossImprovesDownwards() {
        for (Metric metric : Metric.values()) {
            assertEquals(metric != Metric.LOG_LOSS, metric.higherIsBetter(), metric.yamlName());
        }
        assertTrue(Metric.ROC_AUC.reaches(0.9, 0.9));
        assertFalse(Metric.ROC_AUC.reaches(0.89, 0.9));
        assertTrue(Metric.LOG_LOSS.reaches(0.3, 0.35));
        assertFalse(Metric.LOG_LOSS.reaches(0.4, 0.35));
    }

    @Test
    void binaryMetricsReportEveryMetricByItsName() {
        assertEquals(Metric.names(), List.copyOf(BinaryMetrics.of(new float[] {0.2f, 0.8f}, new float[] {0, 1}).keySet()));
    }
}
