package ml.pipeline.ingest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.ingest.service.PipelineSpecService;
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pipeline specs: PUT one (YAML) to create or change a pipeline; runs already started keep theirs. */
@Path("/api/v1/pipelines/{name}")
@Tag(name = "Pipelines", description = "Pipeline specs (YAML): the contract, split, model, gate and promotion policy")
public class PipelineResource {
    private final PipelineSpecService specs;

    public PipelineResource(PipelineSpecService specs) {
        this.specs = specs;
    }

    @PUT
    @RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or change a pipeline's spec", description = "The spec is checked whole, every problem "
            + "named, before it becomes the pipeline's current one; runs already started keep theirs. "
            + "Needs the role publisher or admin.")
    @RequestBody(description = "The spec as YAML; its pipeline field must be the name in the path", required = true)
    @APIResponse(responseCode = "200", description = "Stored: the pipeline, its model, its label and how many columns",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, example = "{\"pipeline\": \"churn\", "
                    + "\"model\": \"churn-classifier\", \"label\": \"churned\", \"columns\": 12}")))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Not a valid spec (not YAML, unknown settings, bad values, or a "
            + "pipeline other than the path's): error 'invalid pipeline spec', every problem in problems",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The object store failed; nothing was stored",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Map<String, Object> put(@Parameter(description = "The pipeline's name: lower-case letters, digits, '-' or '_'")
            @PathParam("name") String name, String yaml) {
        PipelineSpec spec = specs.save(name, yaml);
        return Map.of("pipeline", spec.pipeline(), "model", spec.modelName(),
                "label", spec.dataset().label(), "columns", spec.dataset().columns().size());
    }

    @GET
    @Produces("application/yaml")
    @Operation(summary = "Get a pipeline's current spec", description = "The YAML as its author wrote it.")
    @APIResponse(responseCode = "200", description = "The current spec (YAML)")
    @APIResponse(responseCode = "400", description = "A name that cannot be a storage key ('.' or '..' segments, "
            + "backslashes, control characters, over 1024 bytes)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "The pipeline has no spec (no body)")
    @APIResponse(responseCode = "503", description = "The object store failed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public String get(@Parameter(description = "The pipeline's name") @PathParam("name") String name) {
        return specs.current(name).orElseThrow(() -> new NotFoundException("pipeline '" + name + "' has no spec"));
    }
}
