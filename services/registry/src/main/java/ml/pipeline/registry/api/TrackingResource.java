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
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The experiment tracker: a pipeline's experiments and training runs (filtered by experiment,
 * status or pipeline run, ordered by a metric), one training run with its parameters,
 * environment, lineage and metric history, and one metric's history.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracking", description = "The experiment tracker: experiments, training runs and their metric histories")
public class TrackingResource {
    private final TrackingService tracking;

    public TrackingResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @GET
    @Path("/pipelines/{name}/experiments")
    @Operation(summary = "List a pipeline's experiments", description = "Each with its training runs, searches and the runs "
            + "that went to the gate.")
    @APIResponse(responseCode = "200", description = "The experiments; empty for a pipeline that never trained")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<TrackingService.Experiment>> experiments(
            @Parameter(description = "The pipeline's name") @PathParam("name") String pipeline) {
        return tracking.experiments(pipeline);
    }

    /**
     * {@code ?experiment=&status=running|completed|early_stopped|halved&run=<runId>&orderBy=<metric>|best&direction=asc|desc};
     * newest first without orderBy.
     */
    @GET
    @Path("/pipelines/{name}/training-runs")
    @Operation(summary = "List a pipeline's training runs", description = "Filtered by experiment, status or pipeline run; "
            + "newest first, or ordered by a metric of each run's newest checkpoint.")
    @APIResponse(responseCode = "200", description = "The training runs; empty when none matches")
    @APIResponse(responseCode = "400", description = "A direction other than asc or desc",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    public Uni<List<TrackedRun>> trainingRuns(@Parameter(description = "The pipeline's name") @PathParam("name") String pipeline,
            @Parameter(description = "Only this experiment's") @QueryParam("experiment") String experiment,
            @Parameter(description = "Only those with this status: running, completed, early_stopped or halved")
            @QueryParam("status") String status,
            @Parameter(description = "Only those of this pipeline run (its id)") @QueryParam("run") String run,
            @Parameter(description = "A metric to order by, or best; newest first without it")
            @QueryParam("orderBy") String orderBy,
            @Parameter(description = "asc or desc; by default a loss lowest first, any other metric highest first")
            @QueryParam("direction") String direction) {
        if (direction != null && !direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw new jakarta.ws.rs.BadRequestException("direction: asc or desc, got '" + direction + "'");
        }
        return tracking.trainingRuns(pipeline, blankless(experiment), blankless(status), blankless(run), blankless(orderBy),
                blankless(direction));
    }

    @GET
    @Path("/training-runs/{id}")
    @Operation(summary = "Get a training run", description = "Its hyperparameters, environment, code version, lineage, best "
            + "checkpoint's metrics and parameter hash, and metric history.")
    @APIResponse(responseCode = "200", description = "The training run")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "No such training run is recorded",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<TrackedRun.Details> trainingRun(
            @Parameter(description = "The training run's id") @PathParam("id") String trainingRunId) {
        return tracking.trainingRun(trainingRunId).onItem().ifNull().failWith(() -> unknown(trainingRunId));
    }

    @GET
    @Path("/training-runs/{id}/metrics/{metric}")
    @Operation(summary = "Get one metric's history", description = "Every recorded point of the metric: step, epoch, value.")
    @APIResponse(responseCode = "200", description = "The points, by step; empty for a metric never recorded")
    @APIResponse(responseCode = "401", description = ApiDocs.READ_NO_TOKEN)
    @APIResponse(responseCode = "404", description = "No such training run is recorded",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<List<TrackedRun.Point>> metric(
            @Parameter(description = "The training run's id") @PathParam("id") String trainingRunId,
            @Parameter(description = "The metric, such as loss or roc_auc") @PathParam("metric") String metric) {
        return tracking.metricHistory(trainingRunId, metric).onItem().ifNull().failWith(() -> unknown(trainingRunId));
    }

    private static NotFoundException unknown(String trainingRunId) {
        return new NotFoundException("no training run '" + trainingRunId + "' is recorded");
    }

    private static Optional<String> blankless(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
