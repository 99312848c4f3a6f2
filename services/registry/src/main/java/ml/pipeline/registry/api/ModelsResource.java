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
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import ml.pipeline.services.api.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A model: its versions, its history of stage changes and alias moves, which version was in
 * production at any time, moving a version to a stage by hand, moving aliases, and rolling
 * production back.
 */
@Path("/api/v1/models/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "Model versions, stages, aliases, history and rollback")
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
    @Operation(summary = "List a model's versions", description = "Each with its stage, run, artifact and metrics; empty for "
            + "an unknown model.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<ModelVersionEntity>> versions(@Parameter(description = "The model's name") @PathParam("name") String model) {
        return queries.versionsOf(model);
    }

    /**
     * Every stage change and alias move, oldest first, with who, why, when and (automatic
     * promotions) the version it beat.
     */
    @GET
    @Path("/history")
    @Operation(summary = "Get a model's history", description = "Every stage change and alias move, oldest first: who "
            + "(the token's subject, or policy), why, when and, for an automatic promotion, the version it beat.")
    @APIResponse(responseCode = "200", description = "The history; empty for an unknown model")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<ModelHistoryEntry>> history(@Parameter(description = "The model's name") @PathParam("name") String model) {
        return queries.history(model);
    }

    /** The version in production now, or at {@code ?at=<ISO-8601 instant>}; 404 when none was. */
    @GET
    @Path("/production")
    @Operation(summary = "Get the version in production", description = "Now, or at a given instant.")
    @APIResponse(responseCode = "200", description = "The version in production then")
    @APIResponse(responseCode = "400", description = "at is not an ISO-8601 instant",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "No version was in production then",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ModelVersionEntity> production(@Parameter(description = "The model's name") @PathParam("name") String model,
            @Parameter(description = "An ISO-8601 instant such as 2026-12-01T18:00:00Z; now by default")
            @QueryParam("at") String at) {
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
    @Operation(summary = "Roll production back", description = "Puts a version back in production: the one given, or by "
            + "default the one that held production before the current one; emits ModelPromoted with the reason "
            + "'rollback: <reason>'. Needs the role approver or admin.")
    @RequestBody(description = "Optional, every field optional: {\"version\": 2, \"reason\": \"...\"}; who rolled back is "
            + "the token's subject",
            content = @Content(schema = @Schema(implementation = RollbackRequest.class)))
    @APIResponse(responseCode = "200", description = "Rolled back: the version now in production and the one it replaced")
    @APIResponse(responseCode = "400", description = "A body that is not that JSON",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role approver nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The model has no such version, or (no version given) no earlier production version",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PromotionService.StageChange> rollback(@Parameter(description = "The model's name") @PathParam("name") String model,
            RollbackRequest request) {
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
    @Operation(summary = "Move a version to a stage", description = "staging, canary, production or archived; the version "
            + "that held staging, canary or production is archived. Into or out of canary or production needs the role "
            + "approver or admin; staging, or archiving a version that serves no traffic, any role.")
    @RequestBody(description = "{\"stage\": \"canary\", \"trafficShare\": 0.2, \"reason\": \"...\"}; trafficShare for a "
            + "canary only",
            required = true, content = @Content(schema = @Schema(implementation = StageRequest.class)))
    @APIResponse(responseCode = "200", description = "Moved, or already there: the stage and the version it replaced")
    @APIResponse(responseCode = "400", description = "No body, a body that is not that JSON, no assignable stage, or a "
            + "trafficShare that is not a canary's (above 0, below 1)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has none of the roles publisher, approver, admin; or the "
            + "move is into or out of canary or production and it has neither approver nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The model has no such version",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PromotionService.StageChange> stage(@Parameter(description = "The model's name") @PathParam("name") String model,
            @Parameter(description = "The version's number") @PathParam("version") int version, StageRequest request) {
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
    @Operation(summary = "List a model's aliases", description = "Every alias and the version it names.")
    @APIResponse(responseCode = "200", description = "The aliases; empty when none is set")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<ModelAliasEntity>> aliases(@Parameter(description = "The model's name") @PathParam("name") String model) {
        return queries.aliasesOf(model);
    }

    /** The version the alias names: the same answer as {@code /api/v1/resolve?uri=models:/<name>@<alias>}. */
    @GET
    @Path("/aliases/{alias}")
    @Operation(summary = "Get the version an alias names", description = "The same answer as "
            + "/api/v1/resolve?uri=models:/<name>@<alias>.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "The model has no such alias",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ModelVersionEntity> alias(@Parameter(description = "The model's name") @PathParam("name") String model,
            @Parameter(description = "The alias, such as champion") @PathParam("alias") String alias) {
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
    @Operation(summary = "Point an alias at a version", description = "One version per alias; emits ModelAliasChanged with the "
            + "version it named before. Needs the role approver or admin.")
    @RequestBody(description = "{\"version\": 3, \"reason\": \"...\"}; who moved it is the token's subject",
            required = true, content = @Content(schema = @Schema(implementation = AliasRequest.class)))
    @APIResponse(responseCode = "200", description = "Moved, or already there: the version it names and the one it named before")
    @APIResponse(responseCode = "400", description = "A bad alias name, no version, or a body that is not that JSON",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role approver nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The model has no such version",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PromotionService.AliasChange> moveAlias(@Parameter(description = "The model's name") @PathParam("name") String model,
            @Parameter(description = "The alias, such as champion") @PathParam("alias") String alias, AliasRequest request) {
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
    @Operation(summary = "Remove an alias", description = "Emits ModelAliasChanged with no version. Needs the role approver "
            + "or admin.")
    @APIResponse(responseCode = "200", description = "Removed: the version it named before")
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role approver nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The model has no such alias",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<PromotionService.AliasChange> removeAlias(@Parameter(description = "The model's name") @PathParam("name") String model,
            @Parameter(description = "The alias, such as champion") @PathParam("alias") String alias,
            @Parameter(description = "Why, for the history") @QueryParam("reason") String reason) {
        return promotions.moveAlias(model, alias, null, Caller.of(identity), reason)
                .onItem().ifNull().failWith(() -> new NotFoundException("model " + model + " has no alias '" + alias + "'"));
    }
}
