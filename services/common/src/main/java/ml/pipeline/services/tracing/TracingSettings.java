package ml.pipeline.services.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import ml.pipeline.events.Topic;

/** Where spans go; defaults in META-INF/microprofile-config.properties of services/common. */
@ConfigMapping(prefix = "pipeline.tracing")
public interface TracingSettings {
    /** The spans of runs, to the registry over Kafka (its run pages draw them as a waterfall). */
    @WithDefault("true")
    boolean shipToRegistry();

    /** The topic they travel on. */
    @WithDefault(Topic.TELEMETRY_SPANS)
    String topic();

    /** How long finished spans wait to be sent together. */
    @WithDefault("1s")
    Duration shipEvery();

    /**
     * An OTLP/HTTP collector's traces endpoint (e.g. http://collector:4318/v1/traces) that gets
     * every span, of runs or not; none by default, so nothing is sent anywhere but the registry.
     */
    Optional<String> otlpEndpoint();
}
