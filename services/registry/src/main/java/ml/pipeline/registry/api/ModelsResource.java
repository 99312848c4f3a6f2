package ml.pipeline.registry.api;

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
import java.util.Optional;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.registry.service.PromotionService;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.storage.ModelVersionEntity;

/** Model versions, and moving one to a stage by hand (the manual promotion policy, or a rollback). */
@Path("/api/v1/models/{name}/versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
    private final PromotionService promotions;
    private final RunQueryService queries;

    public ModelsResource(PromotionService promotions, RunQueryService queries) {
        this.promotions = promotions;
        this.queries = queries;
    }

    @GET
    public Uni<List<ModelVersionEntity>> versions(@PathParam("name") String model) {
        return queries.versionsOf(model);
    }

    /** The body: {"stage": "production", "reason": "...", "by": "alice"}. */
    public record StageRequest(String stage, String reason, String by) {
    }

    @PUT
    @Path("/{version}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PromotionService.StageChange> stage(@PathParam("name") String model, @PathParam("version") int version,
            StageRequest request) {
        Optional<ModelStage> stage = Optional.ofNullable(request).flatMap(r -> ModelStage.byName(r.stage()))
                .filter(ModelStage.assignable()::contains);
        if (stage.isEmpty()) {
            throw new BadRequestException("stage: one of " + ModelStage.assignable() + " is required");
        }
        return promotions.setStage(model, version, stage.get(), request.by(), request.reason())
                .onItem().ifNull().failWith(() -> new NotFoundException("model " + model + " has no version " + version));
    }
}
