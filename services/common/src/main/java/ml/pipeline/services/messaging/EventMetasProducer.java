package ml.pipeline.services.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import ml.pipeline.events.EventMetas;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stamps the events a service emits with its name and version. A singleton, not a proxied bean:
 * EventMetas is final, and the tests load the schemas module (where it lives) untransformed.
 */
@ApplicationScoped
public class EventMetasProducer {
    @Produces
    @Singleton
    EventMetas eventMetas(@ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return new EventMetas(service, version, Clock.systemUTC());
    }
}
