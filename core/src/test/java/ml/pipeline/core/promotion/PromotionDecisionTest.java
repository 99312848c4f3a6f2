package ml.pipeline.core.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ml.pipeline.core.promotion.PromotionDecision.Action;
import ml.pipeline.core.promotion.PromotionDecision.Evaluation;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PromotionPolicy;
import org.junit.jupiter.api.Test;

class PromotionDecisionTest {
    private static final PromotionPolicy AUTO_PRODUCTION = PromotionPolicy.defaults();

    private static Evaluation passedAgainst(Integer version) {
        return new Evaluation(true, 4, version, 1);
    }

    @Test
    void aPassingNewCandidateReplacesTheVersionItWasComparedWith() {
        PromotionDecision first = PromotionDecision.of(passedAgainst(null), false, AUTO_PRODUCTION, null);
        assertEquals(Action.REGISTER_AND_PROMOTE, first.action());
        assertEquals(ModelStage.PRODUCTION, first.stage());
        assertEquals("auto: the gate passed (4 checks) against no model in production", first.reason());

        PromotionDecision next = PromotionDecision.of(passedAgainst(3), false, AUTO_PRODUCTION, 3);
        assertEquals(Action.REGISTER_AND_PROMOTE, next.action());
        assertEquals(3, next.comparedWith());
    }

    @Test
    void aCandidateWhoseBaselineLeftProductionIsEvaluatedAgainNotPromoted() {
        PromotionDecision moved = PromotionDecision.of(passedAgainst(1), false, AUTO_PRODUCTION, 2);
        assertEquals(Action.REEVALUATE, moved.action());
        assertFalse(moved.registers());
        assertTrue(moved.reason().contains("compared with version 1, but version 2 is in production now"), moved.reason());

        PromotionDecision appeared = PromotionDecision.of(passedAgainst(null), false, AUTO_PRODUCTION, 1);
        assertEquals(Action.REEVALUATE, appeared.action(), "nothing was in production when it was evaluated; now v1 is");
        PromotionDecision archived = PromotionDecision.of(passedAgainst(1), false, AUTO_PRODUCTION, null);
        assertEquals(Action.REEVALUATE, archived.action(), "v1 left production by hand: compare with nothing again");
    }

    @Test
    void aProductionThatKeepsMovingEndsInARefusal() {
        PromotionDecision last = PromotionDecision.of(new Evaluation(true, 4, 7, PromotionDecision.MAX_EVALUATIONS), false,
                AUTO_PRODUCTION, 8);
        assertEquals(Action.GIVE_UP, last.action());
        assertTrue(last.reason().contains("refused"), last.reason());
    }

    @Test
    void stagingAndManualPoliciesDoNotTouchProduction() {
        PromotionDecision staging = PromotionDecision.of(passedAgainst(1), false, new PromotionPolicy("auto", "staging"), 2);
        assertEquals(Action.REGISTER_AND_PROMOTE, staging.action(), "staging does not replace production: no compare-and-set");
        assertEquals(ModelStage.STAGING, staging.stage());
        PromotionDecision manual = PromotionDecision.of(passedAgainst(1), false, new PromotionPolicy("manual", null), 2);
        assertEquals(Action.REGISTER, manual.action());
        assertTrue(manual.registers());
        assertFalse(manual.promotes());
    }

    @Test
    void aCanaryServesTrafficSoItMustHaveBeatenTheProductionOfNow() {
        PromotionPolicy canary = new PromotionPolicy("auto", "canary", 0.2);
        PromotionDecision fresh = PromotionDecision.of(passedAgainst(2), false, canary, 2);
        assertEquals(Action.REGISTER_AND_PROMOTE, fresh.action());
        assertEquals(ModelStage.CANARY, fresh.stage());
        assertEquals(2, fresh.comparedWith());
        assertEquals(Action.REEVALUATE, PromotionDecision.of(passedAgainst(1), false, canary, 2).action());
    }

    @Test
    void aRefusedOrAlreadyRegisteredCandidateChangesNothing() {
        PromotionDecision refused = PromotionDecision.of(new Evaluation(false, 4, null, 1), false, AUTO_PRODUCTION, null);
        assertEquals(Action.NOTHING, refused.action());
        assertTrue(refused.reason().contains("refused"), refused.reason());
        PromotionDecision again = PromotionDecision.of(passedAgainst(null), true, AUTO_PRODUCTION, 1);
        assertFalse(again.registers());
        assertTrue(again.reason().contains("registered already"), again.reason());
    }

    @Test
    void theReplacedVersionSaysWhichReplacedIt() {
        assertEquals("replaced by version 3", PromotionDecision.replacedBy(3));
    }
}
