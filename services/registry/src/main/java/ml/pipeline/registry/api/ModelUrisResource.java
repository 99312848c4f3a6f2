package ml.pipeline.registry.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ml.pipeline.core.promotion.ModelUri;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What serving systems ask: which version a model uri names now ({@code models:/<name>@<alias>}, {@code /<version>}, {@code /<stage>}). */
@Path("/api/v1/resolve")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "Model versions, stages, aliases, history and rollback")
public class ModelUrisResource {
    private final RunQueryService queries;

    public ModelUrisResource(RunQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Resolve a model uri", description = "The version a models:/ uri names now: "
            + "models:/<name>@<alias>, models:/<name>/<version> or models:/<name>/<stage>; with its artifact and metrics.")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "400", description = "No uri, or not a models:/ uri of one of those forms",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "The uri names no version now",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<ModelVersionEntity> resolve(@Parameter(description = "A model uri, such as models:/churn-classifier@champion",
            required = true) @QueryParam("uri") String uri) {
        ModelUri parsed;
        try {
            parsed = ModelUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("uri: " + e.getMessage());
        }
        return queries.resolve(parsed).onItem().ifNull().failWith(() -> new NotFoundException(parsed + " names no version"));
    }
}
