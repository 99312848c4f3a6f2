package ml.pipeline.registry.consume;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetPublished;
import ml.pipeline.events.DatasetRejected;
import ml.pipeline.events.DatasetValidated;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.FeaturesReady;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.StageFailed;
import ml.pipeline.events.Topic;
import ml.pipeline.registry.domain.TimelineEntries;
import ml.pipeline.registry.service.AlertService;
import ml.pipeline.registry.service.PromotionService;
import ml.pipeline.registry.service.TimelineService;
import ml.pipeline.registry.service.TrackingService;
import ml.pipeline.services.messaging.EventIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every event of every run into its timeline; a CheckpointWritten also goes to the experiment
 * tracker, and a ModelEvaluated to promotion, which registers a passing candidate and, by policy,
 * promotes it. Once an event's effect is committed, the alert it raises (if any) is handed to the
 * webhooks of the spec, without waiting for them. Each event passes the {@link EventIntake}: one
 * that arrives while the registry stops is left for after the restart, not dead-lettered.
 */
@ApplicationScoped
public class RunEventsHandler {
    private final TimelineService timeline;
    private final PromotionService promotions;
    private final TrackingService tracking;
    private final AlertService alerts;
    private final EventIntake intake;

    public RunEventsHandler(TimelineService timeline, PromotionService promotions, TrackingService tracking, AlertService alerts,
            EventIntake intake) {
        this.timeline = timeline;
        this.promotions = promotions;
        this.tracking = tracking;
        this.alerts = alerts;
        this.intake = intake;
    }

    @Incoming(Topic.Names.DATASETS_PUBLISHED)
    public Uni<Void> onPublished(DatasetPublished e) {
        return intake.handle(Topic.Names.DATASETS_PUBLISHED, () -> timeline.record(TimelineEntries.of(e)));
    }

    @Incoming(Topic.Names.DATASETS_VALIDATED)
    public Uni<Void> onValidated(DatasetValidated e) {
        return intake.handle(Topic.Names.DATASETS_VALIDATED, () -> timeline.record(TimelineEntries.of(e)).invoke(() -> alerts.raise(e)));
    }

    @Incoming(Topic.Names.DATASETS_REJECTED)
    public Uni<Void> onRejected(DatasetRejected e) {
        return intake.handle(Topic.Names.DATASETS_REJECTED, () -> timeline.record(TimelineEntries.of(e)).invoke(() -> alerts.raise(e)));
    }

    @Incoming(Topic.Names.FEATURES_READY)
    public Uni<Void> onFeatures(FeaturesReady e) {
        return intake.handle(Topic.Names.FEATURES_READY, () -> timeline.record(TimelineEntries.of(e)));
    }

    @Incoming(Topic.Names.CHECKPOINTS_WRITTEN)
    public Uni<Void> onCheckpoint(CheckpointWritten e) {
        return intake.handle(Topic.Names.CHECKPOINTS_WRITTEN, () -> timeline.record(TimelineEntries.of(e)).chain(() -> tracking.record(e)));
    }

    @Incoming(Topic.Names.MODELS_PROMOTED)
    public Uni<Void> onPromoted(ModelPromoted e) {
        return intake.handle(Topic.Names.MODELS_PROMOTED, () -> timeline.record(TimelineEntries.of(e)).invoke(() -> alerts.raise(e)));
    }

    @Incoming(Topic.Names.EVALUATIONS_REQUESTED)
    public Uni<Void> onEvaluationRequested(EvaluationRequested e) {
        return intake.handle(Topic.Names.EVALUATIONS_REQUESTED, () -> timeline.record(TimelineEntries.of(e)));
    }

    @Incoming(Topic.Names.PIPELINE_FAILURES)
    public Uni<Void> onFailure(StageFailed e) {
        return intake.handle(Topic.Names.PIPELINE_FAILURES, () -> timeline.recordFailure(e).invoke(() -> alerts.raise(e)));
    }

    @Incoming(Topic.Names.MODELS_EVALUATED)
    public Uni<Void> onEvaluated(ModelEvaluated e) {
        return intake.handle(Topic.Names.MODELS_EVALUATED, () -> promotions.onEvaluated(e).invoke(() -> alerts.raise(e)));
    }
}
