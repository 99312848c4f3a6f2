package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The lock a stage change of a model takes: its row in {@code models}, created on first use and
 * locked with SELECT ... FOR UPDATE until the transaction ends. Under it, the version in
 * production is read and replaced with no other registry transaction (consumer, API call, other
 * replica) in between; the partial unique index on model_versions is the backstop.
 */
@ApplicationScoped
public class ModelLocks {
    private static final String ENSURE = """
            INSERT INTO models (name, created_at) VALUES (:model, :now) ON CONFLICT (name) DO NOTHING""";
    private static final String LOCK = "SELECT name FROM models WHERE name = :model FOR UPDATE";

    /** Holds the model's lock for the rest of the caller's transaction. */
    public Uni<Void> lock(String model) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE)
                        .setParameter("model", model).setParameter("now", Instant.now()).executeUpdate()
                .chain(() -> session.createNativeQuery(LOCK).setParameter("model", model).getSingleResult()))
                .replaceWithVoid();
    }
}
