package ml.pipeline.registry.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.pipeline.registry.consume.PromotionEvents;
import ml.pipeline.registry.domain.Promotions;
import ml.pipeline.registry.storage.ModelVersionEntity;

/** Model versions, and moving one to a stage by hand (the manual promotion policy, or a rollback). */
@Path("/api/v1/models/{name}/versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
    private static final Set<String> STAGES = Set.of("production", "staging", Promotions.ARCHIVED);

    private final Promotions promotions;
    private final PromotionEvents promoted;

    public ModelsResource(Promotions promotions, PromotionEvents promoted) {
        this.promotions = promotions;
        this.promoted = promoted;
    }

    @GET
    @WithSession
    public Uni<List<ModelVersionEntity>> versions(@PathParam("name") String model) {
        return ModelVersionEntity.list("model = ?1 order by version", model);
    }

    /** The body: {"stage": "production", "reason": "...", "by": "alice"}. */
    public record StageRequest(String stage, String reason, String by) {
    }

    @PUT
    @Path("/{version}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> stage(@PathParam("name") String model, @PathParam("version") int version,
            StageRequest request) {
        if (request == null || !STAGES.contains(request.stage())) {
            throw new BadRequestException("stage: one of " + STAGES + " is required");
        }
        String by = request.by() == null || request.by().isBlank() ? "api" : request.by();
        String reason = request.reason() == null || request.reason().isBlank() ? "set by hand" : request.reason();
        return Panache.withTransaction(() -> ModelVersionEntity.<ModelVersionEntity>find("model = ?1 and version = ?2",
                        model, version).firstResult()
                        .chain(found -> {
                            if (found == null) {
                                throw new NotFoundException("model " + model + " has no version " + version);
                            }
                            return promotions.promote(found, request.stage(), by, reason, null);
                        }))
                .chain(event -> promoted.send(event)
                        .replaceWith(Map.<String, Object>of("model", model, "version", version, "stage", request.stage(),
                                "previousVersion", event.getPreviousVersion() == null ? 0 : event.getPreviousVersion())));
    }
}
