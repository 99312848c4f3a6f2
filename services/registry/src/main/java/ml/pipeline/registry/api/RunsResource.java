package ml.pipeline.registry.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import ml.pipeline.core.access.Role;
import ml.pipeline.registry.domain.RunClaim;
import ml.pipeline.registry.domain.RunDetails;
import ml.pipeline.registry.service.RunClaimService;
import ml.pipeline.registry.service.RunControlService;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.services.api.Caller;

/**
 * Runs: each pipeline's, newest first; one run's timeline and lineage; whether a publish starts
 * one (publishers); cancel and retry (publishers); a pipeline's model versions.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    private final RunQueryService queries;
    private final RunClaimService claims;
    private final RunControlService control;

    private final SecurityIdentity identity;

    public RunsResource(RunQueryService queries, RunClaimService claims, RunControlService control, SecurityIdentity identity) {
        this.queries = queries;
        this.claims = claims;
        this.control = control;
        this.identity = identity;
    }

    @GET
    @Path("/pipelines/{name}/runs")
    public Uni<List<RunEntity>> runs(@PathParam("name") String pipeline) {
        return queries.runsOf(pipeline);
    }

    /** The body: {"datasetVersion": "<sha256>", "specHash": "<sha256>", "force": false}. */
    public record ClaimRequest(String datasetVersion, String specHash, Boolean force) {
    }

    /**
     * May these bytes and this spec start a run? Ingest asks before it publishes: {@code started}
     * with the new run's id, {@code running} with the run going on, or {@code done} with its result.
     */
    @POST
    @Path("/pipelines/{name}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    public Uni<RunClaim> claim(@PathParam("name") String pipeline, ClaimRequest request) {
        if (request == null || isBlank(request.datasetVersion()) || isBlank(request.specHash())) {
            throw new BadRequestException("datasetVersion and specHash (sha256 hex) are required");
        }
        return claims.claim(pipeline, request.datasetVersion(), request.specHash(), Boolean.TRUE.equals(request.force()));
    }

    /** The body, optional: {"reason": "..."}. Who cancelled is the token's subject. */
    public record CancelRequest(String reason) {
    }

    /** A running run ends cancelled: its training stops at the next step, nothing downstream happens. 409 if it ended. */
    @POST
    @Path("/runs/{runId}/cancel")
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    public Uni<RunControlService.Outcome> cancel(@PathParam("runId") String runId, CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return control.cancel(runId, Caller.of(identity), reason).map(outcome -> {
            if (!outcome.found()) {
                throw new NotFoundException("no run " + runId);
            }
            if (!outcome.cancelled()) {
                throw new ClientErrorException("run " + runId + " is " + outcome.status() + ": only a running run can be cancelled",
                        Response.Status.CONFLICT);
            }
            return outcome;
        });
    }

    /**
     * A failed run continues from the stage that gave up: running again, with that stage's input
     * event sent once more. 409 if the run did not fail. No body; who retried is the token's subject.
     */
    @POST
    @Path("/runs/{runId}/retry")
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    public Uni<RunControlService.Retry> retry(@PathParam("runId") String runId) {
        return control.retry(runId, Caller.of(identity)).map(retry -> {
            if (!retry.found()) {
                throw new NotFoundException("no run " + runId);
            }
            if (!retry.retried()) {
                throw new ClientErrorException("run " + runId + " is " + retry.status() + ": " + retry.why(),
                        Response.Status.CONFLICT);
            }
            return retry;
        });
    }

    @GET
    @Path("/pipelines/{name}/versions")
    public Uni<List<ModelVersionEntity>> versions(@PathParam("name") String pipeline) {
        return queries.versionsOfPipeline(pipeline);
    }

    @GET
    @Path("/runs/{runId}")
    public Uni<RunDetails> run(@PathParam("runId") String runId) {
        return queries.run(runId).onItem().ifNull().failWith(() -> new NotFoundException("no run " + runId));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
