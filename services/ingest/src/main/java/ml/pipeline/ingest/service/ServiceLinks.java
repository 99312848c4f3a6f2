package ml.pipeline.ingest.service;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The other services ingest talks to; the stack launcher sets them. */
@ConfigMapping(prefix = "pipeline.services")
public interface ServiceLinks {
    /**
     * The registry's API, asked whether a publish starts a run. Unset (a test of ingest alone):
     * every publish starts one.
     */
    Optional<String> registryUrl();
}
