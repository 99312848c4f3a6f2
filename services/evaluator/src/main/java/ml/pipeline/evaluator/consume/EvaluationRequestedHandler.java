package ml.pipeline.evaluator.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.evaluator.domain.Candidate;
import ml.pipeline.evaluator.events.EvaluationEvents;
import ml.pipeline.evaluator.service.EvaluationStage;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.ModelEvaluated;
import ml.pipeline.events.Topic;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.stage.StageExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The registry asks again: the candidate's baseline left production. It is scored against the
 * version the registry names as in production now (the authority, not this service's read model),
 * and ModelEvaluated goes back with the evaluation's number.
 */
@ApplicationScoped
public class EvaluationRequestedHandler {
    private final EvaluationStage evaluation;
    private final StageExecutor executor;
    private final EventMetas metas;
    private final EventSender sender;
    private final MutinyEmitter<ModelEvaluated> evaluated;

    public EvaluationRequestedHandler(EvaluationStage evaluation, StageExecutor executor, EventMetas metas, EventSender sender,
            @Channel(Topic.Names.MODELS_EVALUATED) MutinyEmitter<ModelEvaluated> evaluated) {
        this.evaluation = evaluation;
        this.executor = executor;
        this.metas = metas;
        this.sender = sender;
        this.evaluated = evaluated;
    }

    @Incoming(Topic.Names.EVALUATIONS_REQUESTED)
    public Uni<Void> onRequested(Message<EvaluationRequested> message) {
        EvaluationRequested event = message.getPayload();
        return executor.run(PipelineStage.EVALUATOR, message, event.getMeta(), () -> handle(event));
    }

    private void handle(EvaluationRequested event) {
        Candidate candidate = Candidate.of(event);
        EvaluationStage.Result result = evaluation.evaluate(candidate, Optional.ofNullable(event.getProduction()));
        sender.send(evaluated, EvaluationEvents.evaluated(metas.causedBy(event.getMeta()), candidate, result));
    }
}
