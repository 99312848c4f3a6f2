package ml.pipeline.services.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import ml.pipeline.core.EventMetas;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Stamps the events a service emits with its name and version. */
@ApplicationScoped
public class EventMetasProducer {
    @Produces
    @ApplicationScoped
    EventMetas eventMetas(@ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return new EventMetas(service, version, Clock.systemUTC());
    }
}
