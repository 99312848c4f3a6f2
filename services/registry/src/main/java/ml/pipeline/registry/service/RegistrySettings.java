package ml.pipeline.registry.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The registry's own settings; defaults in application.properties. */
@ConfigMapping(prefix = "pipeline.registry")
public interface RegistrySettings {
    Outbox outbox();

    /** {@code pipeline.registry.notify.*}; not named notify(): Object's notify() is final. */
    @WithName("notify")
    Notify notifications();

    Traces traces();

    /** The spans of runs (TraceService). */
    interface Traces {
        /** How long a run's spans are kept after they arrive. */
        Duration keepFor();
    }

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

    /** Webhook alerts (the spec's notify block): how they are tried and where their links point. */
    interface Notify {
        /** Attempts a delivery gets in all (DeliverySchedule). */
        int attempts();

        /** The wait before the second attempt; doubled before each next one. */
        Duration firstRetry();

        /** The longest wait between two attempts. */
        Duration maxRetry();

        /** How long one request may take, connecting included. */
        Duration requestTimeout();

        /** How often the relay looks for deliveries that a stopped registry left pending. */
        Duration relayEvery();

        /** How long past its due time a pending delivery must be before the relay takes it up. */
        Duration relayGrace();

        /** The registry's address as the alerts' readers reach it, for the links in an alert (else pipeline.services.registry-url). */
        Optional<String> publicUrl();
    }
}
