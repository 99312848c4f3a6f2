package ml.pipeline.services.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How events leave a service; defaults in META-INF/microprofile-config.properties of services/common. */
@ConfigMapping(prefix = "pipeline.messaging")
public interface MessagingSettings {
    /** How long a send may wait for the broker's acknowledgement before it counts as a (transient) fault. */
    Duration sendTimeout();
}
