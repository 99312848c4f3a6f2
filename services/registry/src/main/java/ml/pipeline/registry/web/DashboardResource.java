package ml.pipeline.registry.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import ml.pipeline.registry.service.DashboardService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The dashboard's pages under {@code /ui}, for a browser: open to read, like the API's GETs. */
@Path("/ui")
@Tag(name = "dashboard", description = "HTML pages for people; the same data as the JSON API")
public class DashboardResource {
    /** How often the live timeline looks for new events, and for how long one page keeps listening. */
    static final Duration LIVE_EVERY = Duration.ofMillis(500);
    static final Duration LIVE_FOR = Duration.ofHours(1);

    private final DashboardService dashboard;
    private final Template pipelines;
    private final Template run;
    private final Template model;
    private final Template experiments;

    public DashboardResource(DashboardService dashboard, @Location("dashboard/pipelines.html") Template pipelines,
            @Location("dashboard/run.html") Template run, @Location("dashboard/model.html") Template model,
            @Location("dashboard/experiments.html") Template experiments) {
        this.dashboard = dashboard;
        this.pipelines = pipelines;
        this.run = run;
        this.model = model;
        this.experiments = experiments;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The front page: every pipeline, its latest runs and its production models")
    public Uni<String> pipelines() {
        return dashboard.pipelines().map(list -> pipelines.data("pipelines", list).render());
    }

    @GET
    @Path("/runs/{runId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A run: status, links to its report and model, its timeline (live while it runs)")
    public Uni<String> run(@PathParam("runId") String runId) {
        return dashboard.run(runId).onItem().ifNull().failWith(() -> new NotFoundException("no run " + runId))
                .map(view -> run.data("view", view).render());
    }

    /**
     * The run's status and timeline each time either changes, the first time once it differs from
     * what the page showed ({@code entries} timeline entries). Polls the database (not this
     * instance's memory), so that it sees what every registry replica recorded.
     */
    @GET
    @Path("/runs/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the run's status and timeline whenever they change, while it runs")
    public Multi<DashboardService.Progress> events(@PathParam("runId") String runId, @QueryParam("entries") Integer entries,
            @QueryParam("status") String shownStatus) {
        // Reactive sessions live on a Vert.x context: each look runs on the request's.
        Context context = Vertx.currentContext();
        AtomicInteger seen = new AtomicInteger(entries == null ? -1 : entries);
        AtomicReference<String> status = new AtomicReference<>(shownStatus);
        return Multi.createFrom().ticks().every(LIVE_EVERY)
                .select().first(LIVE_FOR)
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .onItem().transformToUniAndConcatenate(tick -> dashboard.progress(runId))
                .select().where(progress -> progress != null
                        && (progress.timeline().size() != seen.get() || !progress.status().equals(status.get())))
                .invoke(progress -> {
                    seen.set(progress.timeline().size());
                    status.set(progress.status());
                });
    }

    @GET
    @Path("/runs/{runId}/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The evaluation report of the run's candidate, as the evaluator stored it (report.html)")
    public Uni<Response> report(@PathParam("runId") String runId) {
        return dashboard.reportPage(runId).map(page -> page.map(bytes -> Response.ok(bytes, "text/html; charset=utf-8"))
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no evaluation report (yet)")).build());
    }

    @GET
    @Path("/models/{model}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A model: versions, stages, aliases, history, promote and roll back, a version's lineage")
    public Uni<String> model(@PathParam("model") String name, @QueryParam("version") Integer version) {
        return dashboard.model(name, version).map(view -> model.data("view", view).render());
    }

    @GET
    @Path("/experiments/{pipeline}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A pipeline's training runs and search trials compared: hyperparameters and metric curves")
    public Uni<String> experiments(@PathParam("pipeline") String pipeline) {
        return dashboard.experiments(pipeline).map(view -> experiments.data("view", view).render());
    }

    /** The registry's root opens the dashboard. */
    @Path("/")
    public static class Root {
        @GET
        @Operation(hidden = true)
        public Response root() {
            return Response.seeOther(URI.create("/ui")).build();
        }
    }
}
