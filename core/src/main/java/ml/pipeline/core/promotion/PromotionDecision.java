package ml.pipeline.core.promotion;

import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PromotionPolicy;

/**
 * What the registry does with an evaluated candidate, and why: a refused candidate and one
 * already registered (a redelivered evaluation, or the same data published again) change
 * nothing; a passing one becomes the model's next version, promoted at once only when the
 * pipeline's policy is automatic.
 */
public record PromotionDecision(Action action, ModelStage stage, String reason) {
    /** Who a promotion by policy is recorded as. */
    public static final String BY_POLICY = "policy";

    public enum Action {
        NOTHING,
        REGISTER,
        REGISTER_AND_PROMOTE
    }

    /**
     * {@code alreadyRegistered}: a version exists for the candidate's training run.
     * {@code checks}: how many gate checks it passed.
     */
    public static PromotionDecision of(boolean passed, boolean alreadyRegistered, PromotionPolicy policy, int checks) {
        if (!passed) {
            return new PromotionDecision(Action.NOTHING, ModelStage.NONE, "refused by its gate: production is unchanged");
        }
        if (alreadyRegistered) {
            return new PromotionDecision(Action.NOTHING, ModelStage.NONE,
                    "its training run is registered already: no second version");
        }
        if (!policy.isAutomatic()) {
            return new PromotionDecision(Action.REGISTER, ModelStage.NONE,
                    "registered; the policy is manual: promoted by hand only");
        }
        return new PromotionDecision(Action.REGISTER_AND_PROMOTE, policy.targetStage(),
                "auto: the gate passed (" + checks + " checks)");
    }

    /** Why the version that held a stage was archived. */
    public static String replacedBy(int version) {
        return "replaced by version " + version;
    }

    public boolean registers() {
        return action != Action.NOTHING;
    }

    public boolean promotes() {
        return action == Action.REGISTER_AND_PROMOTE;
    }
}
