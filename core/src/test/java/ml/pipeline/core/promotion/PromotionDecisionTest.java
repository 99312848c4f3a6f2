package ml.pipeline.core.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ml.pipeline.core.promotion.PromotionDecision.Action;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PromotionPolicy;
import org.junit.jupiter.api.Test;

class PromotionDecisionTest {
    private static final PromotionPolicy AUTO_PRODUCTION = PromotionPolicy.defaults();

    @Test
    void aPassingNewCandidateIsRegisteredAndPromotedWhereThePolicySays() {
        PromotionDecision decision = PromotionDecision.of(true, false, AUTO_PRODUCTION, 4);
        assertEquals(Action.REGISTER_AND_PROMOTE, decision.action());
        assertEquals(ModelStage.PRODUCTION, decision.stage());
        assertEquals("auto: the gate passed (4 checks)", decision.reason());
        assertEquals(ModelStage.STAGING, PromotionDecision.of(true, false, new PromotionPolicy("auto", "staging"), 1).stage());
    }

    @Test
    void aManualPolicyRegistersOnly() {
        PromotionDecision decision = PromotionDecision.of(true, false, new PromotionPolicy("manual", null), 4);
        assertEquals(Action.REGISTER, decision.action());
        assertTrue(decision.registers());
        assertFalse(decision.promotes());
    }

    @Test
    void aRefusedOrAlreadyRegisteredCandidateChangesNothing() {
        PromotionDecision refused = PromotionDecision.of(false, false, AUTO_PRODUCTION, 4);
        assertEquals(Action.NOTHING, refused.action());
        assertTrue(refused.reason().contains("refused"), refused.reason());
        PromotionDecision again = PromotionDecision.of(true, true, AUTO_PRODUCTION, 4);
        assertFalse(again.registers());
        assertTrue(again.reason().contains("registered already"), again.reason());
    }

    @Test
    void theReplacedVersionSaysWhichReplacedIt() {
        assertEquals("replaced by version 3", PromotionDecision.replacedBy(3));
    }
}
