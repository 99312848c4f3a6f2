package ml.pipeline.ingest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import ml.pipeline.core.access.Role;
import ml.pipeline.ingest.domain.SourceView;
import ml.pipeline.ingest.service.SourcePoller;
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A pipeline's source (the spec's {@code source:}): its polls' status, and pause, resume or poll now (publishers). */
@Path("/api/v1/pipelines/{name}/sources")
@Tag(name = "Sources", description = "Sources that publish by themselves: an S3 prefix or a JDBC query, polled on a schedule")
public class SourceResource {
    private final SourcePoller sources;

    public SourceResource(SourcePoller sources) {
        this.sources = sources;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A pipeline's sources and their polls", description = "None when the spec has no source: block, "
            + "else its one: kind (s3Prefix or jdbc), where it reads, its schedule, whether it is paused, the polls' status "
            + "(count, last poll and outcome: published with the runs it started, unchanged, or error; the last error, kept) "
            + "and the content hashes it has seen.")
    @APIResponse(responseCode = "200", description = "The pipeline's sources (an empty list when it has none)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SourceView.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The pipeline has no spec",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The object store failed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public List<SourceView> list(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return sources.views(pipeline);
    }

    @POST
    @Path("/pause")
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause a pipeline's source", description = "Its scheduled polls are skipped, on every ingest "
            + "replica, until it is resumed; nothing it saw is forgotten. Needs the role publisher or admin.")
    @APIResponse(responseCode = "200", description = "The source, paused",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The pipeline has no spec, or its spec has no source",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The object store failed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SourceView pause(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return sources.setPaused(pipeline, true);
    }

    @POST
    @Path("/resume")
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a paused source", description = "Its next scheduled poll reads what arrived meanwhile. "
            + "Needs the role publisher or admin.")
    @APIResponse(responseCode = "200", description = "The source, polled on its schedule again",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The pipeline has no spec, or its spec has no source",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The object store failed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SourceView resume(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return sources.setPaused(pipeline, false);
    }

    @POST
    @Path("/poll")
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Poll a pipeline's source now", description = "One poll beside the schedule (a paused source too): "
            + "what is new is published as a scheduled poll would. Needs the role publisher or admin.")
    @APIResponse(responseCode = "200", description = "The source after the poll (its status says what the poll did)",
            content = @Content(schema = @Schema(implementation = SourceView.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The pipeline has no spec, or its spec has no source",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SourceView poll(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return sources.pollNow(pipeline);
    }
}
