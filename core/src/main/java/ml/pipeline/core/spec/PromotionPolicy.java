package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/** What happens to a candidate that passed the gate: promoted by itself ("auto") or by a person ("manual"). */
public record PromotionPolicy(String mode, String stage) {
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";

    public PromotionPolicy {
        mode = mode == null ? AUTO : mode.toLowerCase(Locale.ROOT);
        stage = stage == null ? PRODUCTION : stage.toLowerCase(Locale.ROOT);
    }

    public static PromotionPolicy defaults() {
        return new PromotionPolicy(null, null);
    }

    @JsonIgnore
    public boolean isAutomatic() {
        return AUTO.equals(mode);
    }
}
