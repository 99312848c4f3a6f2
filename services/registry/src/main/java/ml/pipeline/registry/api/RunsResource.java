package ml.pipeline.registry.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import ml.pipeline.registry.domain.RunDetails;
import ml.pipeline.registry.service.RunQueryService;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.RunEntity;

/** Runs: each pipeline's, newest first; one run's timeline and lineage; a pipeline's model versions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    private final RunQueryService queries;

    public RunsResource(RunQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Path("/pipelines/{name}/runs")
    public Uni<List<RunEntity>> runs(@PathParam("name") String pipeline) {
        return queries.runsOf(pipeline);
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
}
