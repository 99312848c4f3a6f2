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
import ml.pipeline.registry.domain.RunTrace;
import ml.pipeline.registry.service.RunClaimService;
import ml.pipeline.registry.service.RunControlService;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.service.TraceService;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.RunEntity;
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
 * Runs: each pipeline's, newest first; one run's timeline and lineage; whether a publish starts
 * one (publishers); cancel and retry (publishers); a pipeline's model versions.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Pipeline runs: timelines, lineage, run claims, cancel and retry")
public class RunsResource {
    private final RunQueryService queries;
    private final RunClaimService claims;
    private final RunControlService control;

    private final SecurityIdentity identity;
    private final TraceService traces;

    public RunsResource(RunQueryService queries, RunClaimService claims, RunControlService control, SecurityIdentity identity,
            TraceService traces) {
        this.queries = queries;
        this.claims = claims;
        this.control = control;
        this.identity = identity;
        this.traces = traces;
    }

    @GET
    @Path("/pipelines/{name}/runs")
    @Operation(summary = "List a pipeline's runs", description = "Newest first; empty for a pipeline that never ran.")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<RunEntity>> runs(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
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
    @Operation(summary = "Claim a run for a dataset and spec", description = "What ingest asks before it publishes, decided "
            + "under a lock: outcome 'started' (a new run and its id), 'running' (the run going on) or 'done' (the run that "
            + "ended, its status and the version it produced or why it was refused); a failed run does not count, force "
            + "starts one anyway. Needs the role publisher or admin.")
    @RequestBody(description = "{\"datasetVersion\": \"<sha256>\", \"specHash\": \"<sha256>\", \"force\": false}",
            required = true, content = @Content(schema = @Schema(implementation = ClaimRequest.class)))
    @APIResponse(responseCode = "200", description = "The claim's outcome",
            content = @Content(schema = @Schema(implementation = RunClaim.class)))
    @APIResponse(responseCode = "400", description = "No body, a body that is not that JSON, or no datasetVersion or specHash",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RunClaim> claim(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline,
            ClaimRequest request) {
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
    @Operation(summary = "Cancel a running run", description = "The run ends cancelled and RunCancelled tells every stage; "
            + "a training in progress stops at its next step. Needs the role publisher or admin.")
    @RequestBody(description = "Optional: {\"reason\": \"...\"}; who cancelled is the token's subject",
            content = @Content(schema = @Schema(implementation = CancelRequest.class)))
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "400", description = "A body that is not that JSON",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The run has ended: only a running run can be cancelled",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RunControlService.Outcome> cancel(@Parameter(description = "The run's id") @PathParam("runId") String runId,
            CancelRequest request) {
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
    @Operation(summary = "Retry a failed run", description = "The run is running again and the input event of the stage "
            + "that gave up is sent to it once more. No body; who retried is the token's subject. "
            + "Needs the role publisher or admin.")
    @APIResponse(responseCode = "200", description = "Retried: the stage and the event sent again")
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "The run did not fail, or its failure did not say which event to send again",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RunControlService.Retry> retry(@Parameter(description = "The run's id") @PathParam("runId") String runId) {
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
    @Operation(summary = "List a pipeline's model versions", description = "Every version its runs registered; empty when "
            + "none did.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<ModelVersionEntity>> versions(
            @Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return queries.versionsOfPipeline(pipeline);
    }

    @GET
    @Path("/runs/{runId}")
    @Operation(summary = "Get a run", description = "Its status, timeline and lineage: dataset sha256, spec hash, transform "
            + "version, training run, artifact and evaluation report.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<RunDetails> run(@Parameter(description = "The run's id") @PathParam("runId") String runId) {
        return queries.run(runId).onItem().ifNull().failWith(() -> new NotFoundException("no run " + runId));
    }

    @GET
    @Path("/runs/{runId}/trace")
    @Operation(summary = "Get a run's trace", description = "The spans the six services shipped for the run (kept for "
            + "pipeline.registry.traces.keep-for), in the order they started, and the trace ids they carry: one when every "
            + "event continued the trace its publish started. Spans arrive a second or so after their work ends.")
    @APIResponse(responseCode = "200", description = "The trace; no spans for an unknown run or one whose spans are gone")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<RunTrace> trace(@Parameter(description = "The run's id") @PathParam("runId") String runId) {
        return traces.ofRun(runId);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
