package ml.pipeline.services.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How stages run their work ({@link StageExecutor}). */
@ConfigMapping(prefix = "pipeline.stage")
public interface StageSettings {
    /**
     * For fault tests only: how long a stage holds an event it took (unacknowledged) before doing
     * its work, so that a kill falls for certain while the service holds work. 0 in every real
     * deployment.
     */
    @WithDefault("0s")
    Duration holdBeforeWork();
}
