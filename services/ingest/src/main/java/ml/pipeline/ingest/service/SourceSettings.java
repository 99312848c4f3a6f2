package ml.pipeline.ingest.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How ingest runs the pipelines' sources (the spec's {@code source:}). A source's database
 * credentials are not here: the spec names them and they are read as
 * {@code pipeline.source.<NAME>.user} / {@code .password} (SourceSpec.Jdbc).
 */
@ConfigMapping(prefix = "pipeline.sources")
public interface SourceSettings {
    /** false: no source is polled by this replica (its API still shows and pauses them). */
    @WithDefault("true")
    boolean enabled();

    /** How often the stored specs are read again for sources added, changed or removed. */
    @WithDefault("10s")
    Duration refresh();

    /**
     * The bearer token (role publisher) a source's publish shows the registry when it claims a
     * run: a scheduled poll has no caller whose token it could pass on. Without one the registry
     * refuses the claim and the source's status says so.
     */
    Optional<String> registryToken();

    /** At most this many new objects of a prefix are read in one poll; the rest wait for the next. */
    @WithDefault("100")
    int maxObjectsPerPoll();

    /** How long a JDBC source's connection and query may take. */
    @WithDefault("60s")
    Duration queryTimeout();
}
