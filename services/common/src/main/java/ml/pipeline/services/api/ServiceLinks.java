package ml.pipeline.services.api;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Where a service reaches the others (the stack launcher sets them): unset for a service tested alone. */
@ConfigMapping(prefix = "pipeline.services")
public interface ServiceLinks {
    /**
     * The registry's API: ingest asks whether a publish starts a run (unset: every publish starts
     * one); validate asks which dataset the production model was trained on (unset: no drift baseline).
     */
    Optional<String> registryUrl();
}
