package ml.pipeline.services.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import ml.pipeline.core.storage.ObjectStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The S3 store every service reads and writes, from the settings the launcher or tests provide. */
@ApplicationScoped
public class ObjectStoreProducer {
    @Produces
    @ApplicationScoped
    ObjectStore objectStore(@ConfigProperty(name = "pipeline.s3.endpoint") String endpoint,
            @ConfigProperty(name = "pipeline.s3.access-key") String accessKey,
            @ConfigProperty(name = "pipeline.s3.secret-key") String secretKey) {
        return new ObjectStore(endpoint, accessKey, secretKey);
    }
}
