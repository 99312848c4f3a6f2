package ml.pipeline.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of(QualitySummary.ROWS, QualitySummary.COLUMNS, QualitySummary.NULL_FRACTION, QualitySummary.WARNINGS,
                QualitySummary.DUPLICATE_ROWS, QualitySummary.DUPLICATES_EXACT, "completeness.x", "completeness.y"),
                List.copyOf(quality.keySet()));
        assertEquals(0.5, quality.get("completeness.x"));
        assertEquals(1.0, quality.get("completeness.y"));
        assertEquals(0.0, quality.get(QualitySummary.DUPLICATE_ROWS));
        assertEquals(4.0, quality.get(QualitySummary.ROWS));
        assertEquals(2.0, quality.get(QualitySummary.COLUMNS));
        assertEquals(2.0 / 8, quality.get(QualitySummary.NULL_FRACTION), 1e-12);
        assertEquals((double) result.warnings().size(), quality.get(QualitySummary.WARNINGS));
        assertEquals(1.0, quality.get(QualitySummary.WARNINGS), "x is half empty: " + result.warnings());
    }

    @Test
    void exactDuplicateRowsAreCountedExactlyUpToTheSketchSizeAndEstimatedBeyond() throws IOException {
        DatasetContract contract = new DatasetContract("csv", "y", null, null, 1, List.of(
                new ColumnSpec("x", ColumnType.STRING, true, null, null, null), new ColumnSpec("y", ColumnType.NUMERIC, false,
                        null, null, null)));
        // Three cells a, "b,c" and two cells "a,b", c would join to the same text: they are different rows.
        DatasetContract three = new DatasetContract("csv", "y", null, null, 1, List.of(
                new ColumnSpec("x", ColumnType.STRING, true, null, null, null), new ColumnSpec("z", ColumnType.STRING, true, null,
                        null, null), new ColumnSpec("y", ColumnType.NUMERIC, false, null, null, null)));
        ValidationResult small = DatasetValidator.validate(new StringReader(
                "x,z,y\nsame,s,1\nsame,s,1\nsame,s,1\nother,s,0\na,\"b,c\",1\n\"a,b\",c,1\n"), three);
        assertEquals(2L, small.profile().duplicateRows());
        assertTrue(small.profile().duplicatesExact());

        StringBuilder big = new StringBuilder("x,y\n");
        int distinct = 150_000;
        for (int i = 0; i < distinct; i++) {
            big.append("row").append(i).append(',').append(i % 2).append('\n');
        }
        for (int i = 0; i < 30_000; i++) {
            big.append("row").append(i).append(',').append(i % 2).append('\n');
        }
        ValidationResult large = DatasetValidator.validate(new StringReader(big.toString()), contract);
        assertFalse(large.profile().duplicatesExact(), "beyond the sketch's size the count is an estimate, and says so");
        assertEquals(30_000, large.profile().duplicateRows(), 0.01 * (distinct + 30_000));
    }
}
