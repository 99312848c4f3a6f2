package ml.pipeline.services.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The S3 store every service reads and writes, from the settings the launcher or tests provide. */
@ApplicationScoped
public class ObjectStoreProducer {
    @Produces
    @ApplicationScoped
    ObjectStore objectStore(S3Settings settings) {
        return new ObjectStore(settings.endpoint(), settings.accessKey(), settings.secretKey());
    }
}
