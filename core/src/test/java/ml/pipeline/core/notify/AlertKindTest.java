package ml.pipeline.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertKindTest {
    @Test
    void namesAreTheSpecsWords() {
        assertEquals(List.of("failure", "rejection", "gate_refused", "drift", "promotion", "rollback"), AlertKind.names());
        assertEquals(Optional.of(AlertKind.GATE_REFUSED), AlertKind.byName("gate_refused"));
        assertEquals(Optional.empty(), AlertKind.byName("GATE_REFUSED"));
    }

    @Test
    void aRejectionForDriftIsDriftAnyOtherIsARejection() {
        assertEquals(AlertKind.DRIFT, AlertKind.ofRejection(List.of("MISSING_COLUMN", "DRIFT")));
        assertEquals(AlertKind.REJECTION, AlertKind.ofRejection(List.of("MISSING_COLUMN", "TOO_MANY_NULLS")));
        assertEquals(AlertKind.REJECTION, AlertKind.ofRejection(List.of()));
    }

    @Test
    void aStageChangeIsARollbackWhenItsReasonSaysSo() {
        assertEquals(AlertKind.ROLLBACK, AlertKind.ofStageChange("rollback"));
        assertEquals(AlertKind.ROLLBACK, AlertKind.ofStageChange("rollback: v3 misbehaves"));
        assertEquals(AlertKind.ROLLBACK, AlertKind.ofStageChange(" Rollback: by hand"));
        assertEquals(AlertKind.PROMOTION, AlertKind.ofStageChange("auto: gate passed"));
        assertEquals(AlertKind.PROMOTION, AlertKind.ofStageChange("rollbacks are rare"));
        assertEquals(AlertKind.PROMOTION, AlertKind.ofStageChange(null));
    }
}
