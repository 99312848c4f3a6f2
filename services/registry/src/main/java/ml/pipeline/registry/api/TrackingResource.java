package ml.pipeline.registry.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import ml.pipeline.registry.domain.TrackedRun;
import ml.pipeline.registry.service.TrackingService;

/**
 * The experiment tracker: a pipeline's experiments and training runs (filtered by experiment,
 * status or pipeline run, ordered by a metric), one training run with its parameters,
 * environment, lineage and metric history, and one metric's history.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {
    private final TrackingService tracking;

    public TrackingResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @GET
    @Path("/pipelines/{name}/experiments")
    public Uni<List<TrackingService.Experiment>> experiments(@PathParam("name") String pipeline) {
        return tracking.experiments(pipeline);
    }

    /**
     * {@code ?experiment=&status=running|completed|early_stopped|halved&run=<runId>&orderBy=<metric>|best&direction=asc|desc};
     * newest first without orderBy.
     */
    @GET
    @Path("/pipelines/{name}/training-runs")
    public Uni<List<TrackedRun>> trainingRuns(@PathParam("name") String pipeline, @QueryParam("experiment") String experiment,
            @QueryParam("status") String status, @QueryParam("run") String run, @QueryParam("orderBy") String orderBy,
            @QueryParam("direction") String direction) {
        if (direction != null && !direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw new jakarta.ws.rs.BadRequestException("direction: asc or desc, got '" + direction + "'");
        }
        return tracking.trainingRuns(pipeline, blankless(experiment), blankless(status), blankless(run), blankless(orderBy),
                blankless(direction));
    }

    @GET
    @Path("/training-runs/{id}")
    public Uni<TrackedRun.Details> trainingRun(@PathParam("id") String trainingRunId) {
        return tracking.trainingRun(trainingRunId).onItem().ifNull().failWith(() -> unknown(trainingRunId));
    }

    @GET
    @Path("/training-runs/{id}/metrics/{metric}")
    public Uni<List<TrackedRun.Point>> metric(@PathParam("id") String trainingRunId, @PathParam("metric") String metric) {
        return tracking.metricHistory(trainingRunId, metric).onItem().ifNull().failWith(() -> unknown(trainingRunId));
    }

    private static NotFoundException unknown(String trainingRunId) {
        return new NotFoundException("no training run '" + trainingRunId + "' is recorded");
    }

    private static Optional<String> blankless(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
