package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a registered model version stands, on the path staging → canary → production. A new
 * version holds {@link #NONE} until promoted; one version per model holds each of staging, canary
 * (a share of the traffic) and production; a replaced one is archived.
 */
public enum ModelStage {
    NONE,
    STAGING,
    CANARY,
    PRODUCTION,
    ARCHIVED;

    /** Its name in specs, the registry's database, events and the API: none, staging, production, archived. */
    @JsonValue
    public String stageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stages a version can be moved to (by policy or by hand): every one but {@link #NONE}. */
    public static List<ModelStage> assignable() {
        return List.of(STAGING, CANARY, PRODUCTION, ARCHIVED);
    }

    /** Held by one version per model at a time: staging, canary and production. */
    public boolean isHeldByOne() {
        return this == STAGING || this == CANARY || this == PRODUCTION;
    }

    /** Serves real traffic, so a candidate must have beaten production to get there by policy. */
    public boolean servesTraffic() {
        return this == CANARY || this == PRODUCTION;
    }

    public static Optional<ModelStage> byName(String name) {
        return Arrays.stream(values()).filter(s -> s.stageName().equals(name)).findFirst();
    }

    /** A stage name read back from storage, which only ever holds valid names. */
    public static ModelStage named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown model stage '" + name + "'"));
    }

    @Override
    public String toString() {
        return stageName();
    }
}
