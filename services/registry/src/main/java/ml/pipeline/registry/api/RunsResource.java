package ml.pipeline.registry.api;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.pipeline.registry.storage.ModelVersionEntity;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunEventEntity;

/** Runs: each pipeline's, newest first; one run's timeline and lineage; a pipeline's model versions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    @GET
    @Path("/pipelines/{name}/runs")
    @WithSession
    public Uni<List<RunEntity>> runs(@PathParam("name") String pipeline) {
        return RunEntity.list("pipeline = ?1 order by startedAt desc", pipeline);
    }

    @GET
    @Path("/pipelines/{name}/versions")
    @WithSession
    public Uni<List<ModelVersionEntity>> versions(@PathParam("name") String pipeline) {
        return ModelVersionEntity.list("pipeline = ?1 order by model, version", pipeline);
    }

    @GET
    @Path("/runs/{runId}")
    @WithSession
    public Uni<Map<String, Object>> run(@PathParam("runId") String runId) {
        return RunEntity.<RunEntity>findById(runId).chain(run -> {
            if (run == null) {
                throw new NotFoundException("no run " + runId);
            }
            return RunEventEntity.<RunEventEntity>list("runId = ?1 order by occurredAt", runId)
                    .chain(timeline -> ModelVersionEntity.<ModelVersionEntity>find("runId", runId).firstResult()
                            .map(version -> {
                                Map<String, Object> body = new LinkedHashMap<>();
                                body.put("run", run);
                                body.put("timeline", timeline);
                                body.put("lineage", lineage(run, version));
                                return body;
                            }));
        });
    }

    /** From the model version back to the bytes it was trained on. */
    private static Map<String, Object> lineage(RunEntity run, ModelVersionEntity version) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("dataset", run.datasetName);
        lineage.put("datasetSha256", run.datasetVersion);
        lineage.put("specHash", run.specHash);
        if (version != null) {
            lineage.put("transformVersion", version.transformVersion);
            lineage.put("trainingRunId", version.trainingRunId);
            lineage.put("model", version.model);
            lineage.put("version", version.version);
            lineage.put("stage", version.stage);
            lineage.put("artifact", version.artifactUri);
            lineage.put("evaluationReport", version.reportUri);
        }
        return lineage;
    }
}
