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

/** What serving systems ask: which version a model uri names now ({@code models:/<name>@<alias>}, {@code /<version>}, {@code /<stage>}). */
@Path("/api/v1/resolve")
@Produces(MediaType.APPLICATION_JSON)
public class ModelUrisResource {
    private final RunQueryService queries;

    public ModelUrisResource(RunQueryService queries) {
        this.queries = queries;
    }

    @GET
    public Uni<ModelVersionEntity> resolve(@QueryParam("uri") String uri) {
        ModelUri parsed;
        try {
            parsed = ModelUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("uri: " + e.getMessage());
        }
        return queries.resolve(parsed).onItem().ifNull().failWith(() -> new NotFoundException(parsed + " names no version"));
    }
}
