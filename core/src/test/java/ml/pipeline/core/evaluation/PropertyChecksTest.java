package ml.pipeline.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.pipeline.core.spec.PropertySpec;
import org.junit.jupiter.api.Test;

class PropertyChecksTest {
    /** 20 customers: tenure 0..19, a plan, an id. */
    private static final List<Map<String, String>> ROWS = rows();

    private static List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(Map.of("id", "c" + i, "tenure", String.valueOf(i), "plan", i % 2 == 0 ? "basic" : "pro"));
        }
        return rows;
    }

    /** Churn falls with tenure; pro churns a little more; the id plays no part. */
    private static float[] churn(List<Map<String, String>> rows) {
        float[] p = new float[rows.size()];
        for (int i = 0; i < p.length; i++) {
            double tenure = Double.parseDouble(rows.get(i).get("tenure"));
            p[i] = (float) (1 / (1 + Math.exp(tenure / 5 - 2)) + ("pro".equals(rows.get(i).get("plan")) ? 0.05 : 0));
        }
        return p;
    }

    /** Like churn, but with a bump: probability rises between tenure 8 and 12. */
    private static float[] bumpy(List<Map<String, String>> rows) {
        float[] p = churn(rows);
        for (int i = 0; i < p.length; i++) {
            double tenure = Double.parseDouble(rows.get(i).get("tenure"));
            p[i] += tenure > 8 && tenure < 12 ? 0.2f : 0;
        }
        return p;
    }

    private static PropertySpec property(String type, String column, String direction) {
        return new PropertySpec(type, column, direction, null, null, null, null);
    }

    @Test
    void aModelWhoseChurnFallsWithTenurePassesAndOneWithABumpIsRefusedCountingRows() {
        PropertySpec decreasing = property("monotonic", "tenure", "decreasing");
        GateCheckResult passed = PropertyChecks.check(List.of(decreasing), ROWS, PropertyChecksTest::churn).getFirst();
        assertTrue(passed.passed(), passed.reason());
        assertEquals(0.0, passed.observed());
        assertEquals("tenure decreasing (monotonic)", passed.name());

        GateCheckResult refused = PropertyChecks.check(List.of(decreasing), ROWS, PropertyChecksTest::bumpy).getFirst();
        assertFalse(refused.passed());
        assertEquals(1.0, refused.observed(), "every row sees the bump as tenure sweeps 0..19");
        assertTrue(refused.reason().startsWith("20 of 20 rows move against it as tenure goes from 0 to 19"), refused.reason());

        GateCheckResult increasing = PropertyChecks.check(List.of(property("monotonic", "tenure", "increasing")), ROWS,
                PropertyChecksTest::churn).getFirst();
        assertFalse(increasing.passed(), "churn does not rise with tenure");
    }

    @Test
    void anIgnoredColumnIsInvariantAndAUsedOneIsNot() {
        GateCheckResult id = PropertyChecks.check(List.of(property("invariant", "id", null)), ROWS, PropertyChecksTest::churn)
                .getFirst();
        assertTrue(id.passed(), id.reason());
        assertEquals(0.0, id.observed());
        GateCheckResult plan = PropertyChecks.check(List.of(property("invariant", "plan", null)), ROWS,
                PropertyChecksTest::churn).getFirst();
        assertFalse(plan.passed());
        assertEquals(0.05, plan.observed(), 1e-6);
        assertEquals(0.01, plan.threshold());
    }

    @Test
    void aColumnThatCannotBeVariedFailsSayingWhy() {
        List<Map<String, String>> one = List.of(Map.of("id", "a", "tenure", "x", "plan", "basic"));
        GateCheckResult noNumbers = PropertyChecks.check(List.of(property("monotonic", "tenure", "decreasing")), one,
                rows -> new float[rows.size()]).getFirst();
        assertFalse(noNumbers.passed());
        assertNull(noNumbers.observed());
        GateCheckResult oneValue = PropertyChecks.check(List.of(property("invariant", "plan", null)), one,
                rows -> new float[rows.size()]).getFirst();
        assertFalse(oneValue.passed());
        assertTrue(oneValue.reason().contains("one value"), oneValue.reason());
    }
}
