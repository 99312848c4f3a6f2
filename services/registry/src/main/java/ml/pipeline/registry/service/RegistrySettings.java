package ml.pipeline.registry.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The registry's own settings; defaults in application.properties. */
@ConfigMapping(prefix = "pipeline.registry")
public interface RegistrySettings {
    Outbox outbox();

    interface Outbox {
        /** How often the relay looks for events a crash left unsent. */
        Duration relayEvery();

        /** How old an unsent event must be before the relay sends it (the fast path sends right after commit). */
        Duration grace();

        /**
         * How long the fast path waits after commit before it sends: 0 in use; a fault test holds an
         * announcement back with it, to kill the registry between commit and announcement.
         */
        Duration announceDelay();
    }
}
