package ml.pipeline.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;
import ml.pipeline.core.spec.DatasetContract;
import org.junit.jupiter.api.Test;

class QualitySummaryTest {
    @Test
    void rowsColumnsTheShareOfEmptyCellsAndWarnings() throws IOException {
        DatasetContract contract = new DatasetContract("csv", "y", null, null, 1, List.of(
                new ColumnSpec("x", ColumnType.NUMERIC, true, null, null, null), new ColumnSpec("y", ColumnType.NUMERIC, false,
                        null, null, null)));
        ValidationResult result = DatasetValidator.validate(new StringReader("x,y\n1,0\n,1\n,0\n4,1\n"), contract);
        Map<String, Double> quality = QualitySummary.of(result);
        assertEquals(List.of(QualitySummary.ROWS, QualitySummary.COLUMNS, QualitySummary.NULL_FRACTION, QualitySummary.WARNINGS),
                List.copyOf(quality.keySet()));
        assertEquals(4.0, quality.get(QualitySummary.ROWS));
        assertEquals(2.0, quality.get(QualitySummary.COLUMNS));
        assertEquals(2.0 / 8, quality.get(QualitySummary.NULL_FRACTION), 1e-12);
        assertEquals((double) result.warnings().size(), quality.get(QualitySummary.WARNINGS));
        assertEquals(1.0, quality.get(QualitySummary.WARNINGS), "x is half empty: " + result.warnings());
    }
}
