package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;

/**
 * What happens to a candidate that passed the gate: promoted by itself ("auto") or by a person
 * ("manual"), to production or to staging. Held as the spec's text, so that the parser can name
 * every bad value at once; {@link #targetStage()} is the typed view.
 */
public record PromotionPolicy(String mode, String stage) {
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    /** The stages a policy may promote to. */
    public static final List<ModelStage> TARGET_STAGES = List.of(ModelStage.PRODUCTION, ModelStage.STAGING);

    public PromotionPolicy {
        mode = mode == null ? AUTO : mode.toLowerCase(Locale.ROOT);
        stage = stage == null ? ModelStage.PRODUCTION.stageName() : stage.toLowerCase(Locale.ROOT);
    }

    public static PromotionPolicy defaults() {
        return new PromotionPolicy(null, null);
    }

    @JsonIgnore
    public boolean isAutomatic() {
        return AUTO.equals(mode);
    }

    @JsonIgnore
    public ModelStage targetStage() {
        return ModelStage.named(stage);
    }
}
