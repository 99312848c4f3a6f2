package ml.pipeline.core.promotion;

import java.util.Objects;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PromotionPolicy;

/**
 * What the registry does with an evaluated candidate, and why. A refused candidate and one
 * already registered (a redelivered evaluation, or the same data published again) change nothing;
 * a passing one becomes the model's next version, promoted at once only when the policy is
 * automatic, to the policy's stage. A stage that serves traffic (canary, production) is a
 * compare-and-set on production: a candidate gets there only if the version in production is the
 * version it was compared with (or there was none and still is none); otherwise it is evaluated
 * again against the new one, up to {@link #MAX_EVALUATIONS} times.
 */
public record PromotionDecision(Action action, ModelStage stage, Integer comparedWith, String reason) {
    /** Who a promotion by policy is recorded as. */
    public static final String BY_POLICY = "policy";
    /** Past this many evaluations against a production that kept moving, the candidate is refused. */
    public static final int MAX_EVALUATIONS = 10;

    public enum Action {
        NOTHING,
        REGISTER,
        REGISTER_AND_PROMOTE,
        /** Its baseline left production: evaluate it again against the version in production now. */
        REEVALUATE,
        /** Its baseline kept leaving production: refused, production unchanged. */
        GIVE_UP
    }

    /**
     * One evaluation of a candidate: whether it passed its gate (and how many checks it had), the
     * production version it was compared with (null: none), and which evaluation of it this was.
     */
    public record Evaluation(boolean passed, int checks, Integer comparedWith, int attempt) {
    }

    /**
     * {@code alreadyRegistered}: a version exists for the candidate's training run;
     * {@code inProduction}: the version in production now (null: none), read under the model's lock.
     */
    public static PromotionDecision of(Evaluation evaluation, boolean alreadyRegistered, PromotionPolicy policy,
            Integer inProduction) {
        if (!evaluation.passed()) {
            return nothing("refused by its gate: production is unchanged");
        }
        if (alreadyRegistered) {
            return nothing("its training run is registered already: no second version");
        }
        if (!policy.isAutomatic()) {
            return new PromotionDecision(Action.REGISTER, ModelStage.NONE, evaluation.comparedWith(),
                    "registered; the policy is manual: promoted by hand only");
        }
        ModelStage target = policy.targetStage();
        if (!target.servesTraffic() || Objects.equals(evaluation.comparedWith(), inProduction)) {
            return new PromotionDecision(Action.REGISTER_AND_PROMOTE, target, evaluation.comparedWith(),
                    "auto: the gate passed (" + evaluation.checks() + " checks) against " + describe(evaluation.comparedWith()));
        }
        String moved = "compared with " + describe(evaluation.comparedWith()) + ", but " + describe(inProduction)
                + " is in production now";
        if (evaluation.attempt() >= MAX_EVALUATIONS) {
            return new PromotionDecision(Action.GIVE_UP, ModelStage.NONE, evaluation.comparedWith(),
                    moved + ", after " + evaluation.attempt() + " evaluations: refused, production is unchanged");
        }
        return new PromotionDecision(Action.REEVALUATE, ModelStage.NONE, evaluation.comparedWith(),
                moved + ": evaluated again (evaluation " + (evaluation.attempt() + 1) + ")");
    }

    /** Why the version that held a stage was archived. */
    public static String replacedBy(int version) {
        return "replaced by version " + version;
    }

    public boolean registers() {
        return action == Action.REGISTER || action == Action.REGISTER_AND_PROMOTE;
    }

    public boolean promotes() {
        return action == Action.REGISTER_AND_PROMOTE;
    }

    private static PromotionDecision nothing(String reason) {
        return new PromotionDecision(Action.NOTHING, ModelStage.NONE, null, reason);
    }

    private static String describe(Integer version) {
        return version == null ? "no model in production" : "version " + version;
    }
}
