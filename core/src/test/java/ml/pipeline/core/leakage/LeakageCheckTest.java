package ml.pipeline.core.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import ml.pipeline.core.spec.ColumnSpec;
import ml.pipeline.core.spec.ColumnType;
import ml.pipeline.core.spec.DatasetContract;
import ml.pipeline.core.spec.DriftSpec;
import ml.pipeline.core.spec.LeakageSpec;
import ml.pipeline.core.validation.ContractViolation;
import ml.pipeline.core.validation.DatasetValidator;
import ml.pipeline.core.validation.ValidationResult;
import org.junit.jupiter.api.Test;

class LeakageCheckTest {
    private static final DatasetContract CONTRACT = new DatasetContract("csv", "churned", "id", null, 10, List.of(
            new ColumnSpec("id", ColumnType.STRING, false, null, null, null),
            new ColumnSpec("noise", ColumnType.NUMERIC, true, null, null, null),
            new ColumnSpec("signal", ColumnType.NUMERIC, true, null, null, null),
            new ColumnSpec("refund_issued", ColumnType.NUMERIC, true, null, null, null),
            new ColumnSpec("status", ColumnType.CATEGORICAL, true, null, null, null),
            new ColumnSpec("plan", ColumnType.CATEGORICAL, true, null, null, null),
            new ColumnSpec("zip", ColumnType.CATEGORICAL, true, null, null, null),
            new ColumnSpec("churned", ColumnType.CATEGORICAL, false, null, null, null)));

    /** refund_issued falls exactly when the label is yes; status names the label in other words. */
    private static String dataset(int rows) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("id,noise,signal,refund_issued,status,plan,zip,churned\n");
        for (int i = 0; i < rows; i++) {
            boolean churned = random.nextDouble() < 0.3;
            double signal = random.nextGaussian() + (churned ? 1.0 : 0.0);
            csv.append("c").append(i).append(',').append(random.nextGaussian()).append(',').append(signal).append(',')
                    .append(churned ? 0 : 1).append(',').append(churned ? "closed" : "active").append(',')
                    .append(random.nextBoolean() ? "basic" : "pro").append(',').append("z").append(i).append(',')
                    .append(churned ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    private static Map<String, ColumnLeak> byColumn(ValidationResult result) {
        return result.leakage().stream().collect(Collectors.toMap(ColumnLeak::column, Function.identity()));
    }

    @Test
    void aFeatureThatCopiesTheLabelIsNamedEvenWhenItFallsWithTheLabel() throws IOException {
        ValidationResult result = DatasetValidator.validate(new StringReader(dataset(2000)), CONTRACT);
        Map<String, ColumnLeak> leaks = byColumn(result);
        assertEquals(1.0, leaks.get("refund_issued").auc(), 1e-9, "1 - AUC counts the same");
        assertEquals(1.0, leaks.get("status").auc(), 1e-9);
        assertEquals(ColumnLeak.WARN, leaks.get("refund_issued").verdict(), "the default level warns only");
        assertTrue(result.passed(), result.violations().toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("'refund_issued'") && w.contains("1.0000")), result.warnings().toString());
        assertEquals(1.0, result.profile().columns().get("refund_issued").labelAuc(), 1e-9, "the score is in the stored profile too");
        assertFalse(leaks.containsKey("id"), "the id is not a feature");
        assertFalse(leaks.containsKey("churned"), "nor is the label");
    }

    @Test
    void honestFeaturesScoreWhatTheyAreWorth() throws IOException {
        Map<String, ColumnLeak> leaks = byColumn(DatasetValidator.validate(new StringReader(dataset(5000)), CONTRACT));
        assertEquals(0.5, leaks.get("noise").auc(), 0.03);
        // Two unit normals one standard deviation apart: AUC = Phi(1 / sqrt 2) = 0.760.
        assertEquals(0.760, leaks.get("signal").auc(), 0.03);
        assertEquals(ColumnLeak.OK, leaks.get("signal").verdict());
        assertEquals(0.5, leaks.get("plan").auc(), 0.03);
    }

    @Test
    void aRejectLevelRefusesTheDatasetNamingTheColumnTheScoreAndTheLevel() throws IOException {
        LeakageSpec reject = new LeakageSpec(new DriftSpec.Limits(null, 0.99));
        ValidationResult result = DatasetValidator.validate(new StringReader(dataset(500)), CONTRACT, reject);
        assertFalse(result.passed());
        List<ContractViolation> leaks = result.violations().stream()
                .filter(v -> ContractViolation.TARGET_LEAK.equals(v.code())).toList();
        assertEquals(List.of("refund_issued", "status"), leaks.stream().map(ContractViolation::column).toList());
        assertTrue(leaks.getFirst().message().contains("1.0000") && leaks.getFirst().message().contains("0.99"), leaks.getFirst().message());
    }

    @Test
    void aCategoryPerRowIsNotMistakenForALeak() throws IOException {
        ColumnLeak zip = byColumn(DatasetValidator.validate(new StringReader(dataset(500)), CONTRACT)).get("zip");
        assertNull(zip.auc());
        assertEquals(ColumnLeak.OK, zip.verdict());
        assertTrue(zip.note().contains("too many categories"), zip.note());
    }

    @Test
    void nothingIsJudgedWhenTheLabelItselfIsBroken() throws IOException {
        String oneClass = dataset(100).replace(",yes\n", ",no\n");
        ValidationResult result = DatasetValidator.validate(new StringReader(oneClass), CONTRACT);
        assertTrue(result.leakage().isEmpty());
        assertTrue(result.violations().stream().anyMatch(v -> ContractViolation.LABEL_ONE_CLASS.equals(v.code())));
    }
}
