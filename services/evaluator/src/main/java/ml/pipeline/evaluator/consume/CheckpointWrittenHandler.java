package ml.pipeline.evaluator.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.evaluator.domain.Candidate;
import ml.pipeline.evaluator.events.EvaluationEvents;
import ml.pipeline.evaluator.service.BaselineService;
import ml.pipeline.evaluator.service.EvaluationStage;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.stage.StageExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A final CheckpointWritten in; ModelEvaluated (every gate check, passed or not) out, compared with
 * the version in production. Earlier checkpoints are skipped. A final checkpoint that comes again
 * (a redelivery, or the same data published again) gets the verdict already given on it, not a
 * comparison with whatever is in production now, which may be the candidate itself.
 */
@ApplicationScoped
public class CheckpointWrittenHandler {
    private final EvaluationStage evaluation;
    private final BaselineService baselines;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<ModelEvaluated> evaluated;

    public CheckpointWrittenHandler(EvaluationStage evaluation, BaselineService baselines, StageExecutor executor,
            EventMetas metas, EventSender sender, @Channel(Topic.Names.MODELS_EVALUATED) MutinyEmitter<ModelEvaluated> evaluated) {
        this.evaluation = evaluation;
        this.baselines = baselines;
        this.executor = executor;
        this.metas = metas;
        this.sender = sender;
        this.evaluated = evaluated;
    }

    @Incoming(Topic.Names.CHECKPOINTS_WRITTEN)
    public Uni<Void> onCheckpoint(Message<CheckpointWritten> message) {
        CheckpointWritten event = message.getPayload();
        // A reproduction only shows that training gives the same parameters: it is never a candidate.
        if (!event.getFinalCheckpoint() || event.getMeta().getReproduces() != null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return executor.run(PipelineStage.EVALUATOR, message, event.getMeta(), () -> handle(event));
    }

    private void handle(CheckpointWritten event) {
        Candidate candidate = Candidate.of(event);
        EvaluationStage.Result result = evaluation.verdictGiven(candidate)
                .orElseGet(() -> evaluation.evaluate(candidate, baselines.current(candidate.model())));
        sender.send(evaluated, EvaluationEvents.evaluated(metas.causedBy(event.getMeta()), candidate, result));
    }
}
