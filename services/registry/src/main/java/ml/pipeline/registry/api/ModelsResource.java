package ml.pipeline.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.promotion.ModelUri;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.core.spec.PromotionPolicy;
import ml.pipeline.registry.domain.ModelHistoryEntry;
import ml.pipeline.registry.service.PromotionService;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.storage.ModelAliasEntity;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.services.api.Caller;

/**
 * A model: its versions, its history of stage changes and alias moves, which version was in
 * production at any time, moving a version to a stage by hand, moving aliases, and rolling
 * production back.
 */
@Path("/api/v1/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
    private final PromotionService promotions;
    private final RunQueryService queries;

    private final SecurityIdentity identity;

    public ModelsResource(PromotionService promotions, RunQueryService queries, SecurityIdentity identity) {
        this.promotions = promotions;
        this.queries = queries;
        this.identity = identity;
    }

    @GET
    @Path("/versions")
    public Uni<List<ModelVersionEntity>> versions(@PathParam("name") String model) {
        return queries.versionsOf(model);
    }

    /**
     * Every stage change and alias move, oldest first, with who, why, when and (automatic
     * promotions) the version it beat.
     */
    @GET
    @Path("/history")
    public Uni<List<ModelHistoryEntry>> history(@PathParam("name") String model) {
        return queries.history(model);
    }

    /** The version in production now, or at {@code ?at=<ISO-8601 instant>}; 404 when none was. */
    @GET
    @Path("/production")
    public Uni<ModelVersionEntity> production(@PathParam("name") String model, @QueryParam("at") String at) {
        Instant instant;
        try {
            instant = at == null || at.isBlank() ? Instant.now() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("at: an ISO-8601 instant such as 2026-12-01T18:00:00Z is required, got '" + at + "'");
        }
        return queries.productionAt(model, instant).onItem().ifNull()
                .failWith(() -> new NotFoundException("model " + model + " had no version in production at " + instant));
    }

    /** The body, every field optional: {"version": 3, "reason": "..."}. Who rolled back is the token's subject. */
    public record RollbackRequest(Integer version, String reason) {
    }

    /**
     * Back to a version that was in production: {@code version}, or by default the one that held
     * production before the current one. Emits ModelPromoted with reason "rollback".
     */
    @POST
    @Path("/rollback")
    @RolesAllowed({Role.Names.APPROVER, Role.Names.ADMIN})
    public Uni<PromotionService.StageChange> rollback(@PathParam("name") String model, RollbackRequest request) {
        RollbackRequest body = request == null ? new RollbackRequest(null, null) : request;
        return promotions.rollback(model, body.version(), Caller.of(identity), body.reason()).onItem().ifNull().failWith(() ->
                new NotFoundException(body.version() == null
                        ? "model " + model + " has no earlier production version to roll back to"
                        : "model " + model + " has no version " + body.version()));
    }

    /** The body: {"stage": "canary", "trafficShare": 0.2, "reason": "..."}; trafficShare for a canary only. */
    public record StageRequest(String stage, Double trafficShare, String reason) {
    }

    /**
     * Moves a version to a stage by hand. Into or out of a stage that serves traffic (canary,
     * production) only approvers (and admins); staging and archiving what serves nothing, publishers too.
     */
    @PUT
    @Path("/versions/{version}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.APPROVER, Role.Names.ADMIN})
    public Uni<PromotionService.StageChange> stage(@PathParam("name") String model, @PathParam("version") int version,
            StageRequest request) {
        Optional<ModelStage> stage = Optional.ofNullable(request).flatMap(r -> ModelStage.byName(r.stage()))
                .filter(ModelStage.assignable()::contains);
        if (stage.isEmpty()) {
            throw new BadRequestException("stage: one of " + ModelStage.assignable() + " is required");
        }
        if (request.trafficShare() != null && (stage.get() != ModelStage.CANARY || !PromotionPolicy.isValidShare(request.trafficShare()))) {
            throw new BadRequestException("trafficShare: a canary's share of the traffic, above 0 and below 1 (canary only), got "
                    + request.trafficShare() + " for " + stage.get());
        }
        return promotions.setStage(model, version, stage.get(), request.trafficShare(), Caller.of(identity), request.reason())
                .onItem().ifNull().failWith(() -> new NotFoundException("model " + model + " has no version " + version));
    }

    /** Every alias of the model and the version it names. */
    @GET
    @Path("/aliases")
    public Uni<List<ModelAliasEntity>> aliases(@PathParam("name") String model) {
        return queries.aliasesOf(model);
    }

    /** The version the alias names: the same answer as {@code /api/v1/resolve?uri=models:/<name>@<alias>}. */
    @GET
    @Path("/aliases/{alias}")
    public Uni<ModelVersionEntity> alias(@PathParam("name") String model, @PathParam("alias") String alias) {
        return queries.resolve(new ModelUri(model, alias, null, null)).onItem().ifNull()
                .failWith(() -> new NotFoundException("model " + model + " has no alias '" + alias + "'"));
    }

    /** The body: {"version": 3, "reason": "..."}. */
    public record AliasRequest(Integer version, String reason) {
    }

    /**
     * Points the alias at a version (one version per alias); emits ModelAliasChanged with the
     * version it named before. Approvers: serving systems load versions by alias.
     */
    @PUT
    @Path("/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.APPROVER, Role.Names.ADMIN})
    public Uni<PromotionService.AliasChange> moveAlias(@PathParam("name") String model, @PathParam("alias") String alias,
            AliasRequest request) {
        ModelUri.aliasProblem(alias).ifPresent(problem -> {
            throw new BadRequestException(problem);
        });
        if (request == null || request.version() == null) {
            throw new BadRequestException("version: the version the alias is to name is required");
        }
        return promotions.moveAlias(model, alias, request.version(), Caller.of(identity), request.reason())
                .onItem().ifNull().failWith(() -> new NotFoundException("model " + model + " has no version " + request.version()));
    }

    /** Removes the alias; emits ModelAliasChanged with no version. */
    @DELETE
    @Path("/aliases/{alias}")
    @RolesAllowed({Role.Names.APPROVER, Role.Names.ADMIN})
    public Uni<PromotionService.AliasChange> removeAlias(@PathParam("name") String model, @PathParam("alias") String alias,
            @QueryParam("reason") String reason) {
        return promotions.moveAlias(model, alias, null, Caller.of(identity), reason)
                .onItem().ifNull().failWith(() -> new NotFoundException("model " + model + " has no alias '" + alias + "'"));
    }
}
