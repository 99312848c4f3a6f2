package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;

/**
 * The path a candidate that passed the gate takes: by itself ("auto") up to {@code stage}
 * (staging, canary or production), or nowhere without a person ("manual"). Beyond the policy's
 * stage a version moves by hand only, and to production only by an approver. A canary serves
 * {@code trafficShare} of the traffic (carried in its ModelPromoted). Held as the spec's text, so
 * that the parser can name every bad value at once; {@link #targetStage()} is the typed view.
 */
public record PromotionPolicy(String mode, String stage, Double trafficShare) {
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    /** The stages a policy may promote to. */
    public static final List<ModelStage> TARGET_STAGES = List.of(ModelStage.STAGING, ModelStage.CANARY, ModelStage.PRODUCTION);
    /** A canary's share of the traffic when the spec does not say. */
    public static final double DEFAULT_CANARY_SHARE = 0.1;

    public PromotionPolicy {
        mode = mode == null ? AUTO : mode.toLowerCase(Locale.ROOT);
        stage = stage == null ? ModelStage.PRODUCTION.stageName() : stage.toLowerCase(Locale.ROOT);
        trafficShare = trafficShare == null ? DEFAULT_CANARY_SHARE : trafficShare;
    }

    public PromotionPolicy(String mode, String stage) {
        this(mode, stage, null);
    }

    public static PromotionPolicy defaults() {
        return new PromotionPolicy(null, null, null);
    }

    @JsonIgnore
    public boolean isAutomatic() {
        return AUTO.equals(mode);
    }

    @JsonIgnore
    public ModelStage targetStage() {
        return ModelStage.named(stage);
    }

    /** The share of traffic a version serves at {@code stage}: the policy's for a canary, none for the others. */
    public Double trafficShareAt(ModelStage at) {
        return at == ModelStage.CANARY ? trafficShare : null;
    }

    /** A traffic share is a fraction of the traffic, more than none and less than all. */
    public static boolean isValidShare(double share) {
        return share > 0 && share < 1;
    }
}
