package ml.pipeline.registry.storage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Which run the bytes and spec of a publish belong to ({@code run_claims}). The row is created by
 * the first claim and locked by each claim to the end of its transaction, so two publishes of the
 * same bytes at once are decided one after the other. Callers hold a transaction.
 */
@ApplicationScoped
public class RunClaimStore {
    private static final String ENSURE = """
            INSERT INTO run_claims (pipeline, dataset_version, spec_hash, run_id, claimed_at)
            VALUES (:pipeline, :dataset, :spec, :runId, :now) ON CONFLICT DO NOTHING""";
    private static final String LOCK = """
            SELECT run_id FROM run_claims WHERE pipeline = :pipeline AND dataset_version = :dataset AND spec_hash = :spec
            FOR UPDATE""";
    private static final String REASSIGN = """
            UPDATE run_claims SET run_id = :runId, claimed_at = :now
            WHERE pipeline = :pipeline AND dataset_version = :dataset AND spec_hash = :spec""";

    /** The run that holds the claim now (locked): {@code candidate} if nobody had claimed these bytes and spec. */
    public Uni<String> claim(String pipeline, String datasetVersion, String specHash, String candidate) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE)
                        .setParameter("pipeline", pipeline).setParameter("dataset", datasetVersion).setParameter("spec", specHash)
                        .setParameter("runId", candidate).setParameter("now", Instant.now()).executeUpdate()
                .chain(() -> session.createNativeQuery(LOCK, String.class)
                        .setParameter("pipeline", pipeline).setParameter("dataset", datasetVersion).setParameter("spec", specHash)
                        .getSingleResult()));
    }

    /** Gives the claim to a new run (forced, or the claimed run failed). */
    public Uni<Void> reassign(String pipeline, String datasetVersion, String specHash, String runId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REASSIGN)
                .setParameter("pipeline", pipeline).setParameter("dataset", datasetVersion).setParameter("spec", specHash)
                .setParameter("runId", runId).setParameter("now", Instant.now()).executeUpdate()).replaceWithVoid();
    }
}
