package ml.pipeline.services.stage;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import ml.pipeline.core.run.PipelineStage;
import ml.pipeline.events.EventMeta;
import ml.pipeline.events.EventMetas;
import ml.pipeline.events.StageFailed;
import ml.pipeline.services.api.ServiceUnavailableException;
import ml.pipeline.services.messaging.EventSender;
import ml.pipeline.services.metrics.PipelineMetrics;
import ml.pipeline.services.storage.ObjectNotFoundException;
import ml.pipeline.services.storage.StorageException;
import ml.pipeline.services.tracing.RunTraces;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Runs a stage's work for one incoming event, off the Kafka poll loop: transient faults (the
 * store, the broker) are retried with backoff; after the last attempt, or at once for a fault
 * retrying cannot fix, a StageFailed event is published and the record is acknowledged, so no
 * consumer ever gets stuck on it. The event of a cancelled run is acknowledged with no work.
 * The work is a span of the run's trace, current on the thread that does it, so the events it
 * sends continue the trace the incoming event carried.
 */
@ApplicationScoped
public class StageExecutor {
    static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(StageExecutor.class);

    /** Named apart from the topic: the registry reads pipeline.failures, and a channel is either read or written. */
    static final String FAILURES_CHANNEL = "stage-failures-out";

    private final EventMetas metas;
    private final EventSender sender;
    private final CancelledRuns cancelled;
    private final MutinyEmitter<StageFailed> failures;
    private final PipelineMetrics metrics;
    private final Tracer tracer;
    private final StageSettings settings;

    public StageExecutor(EventMetas metas, EventSender sender, CancelledRuns cancelled,
            @Channel(FAILURES_CHANNEL) MutinyEmitter<StageFailed> failures, PipelineMetrics metrics, Tracer tracer,
            StageSettings settings) {
        this.metas = metas;
        this.settings = settings;
        this.tracer = tracer;
        this.cancelled = cancelled;
        this.sender = sender;
        this.failures = failures;
        this.metrics = metrics;
    }

    public <E> Uni<Void> run(PipelineStage stage, Message<E> message, EventMeta cause, Runnable work) {
        if (cancelled.isCancelled(cause.getRunId())) {
            LOG.infof("%s: run %s was cancelled; event %s is acknowledged, nothing is done", stage, cause.getRunId(),
                    cause.getEventId());
            return Uni.createFrom().completionStage(message.ack());
        }
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        Context parent = RunTraces.joinRun(RunTraces.of(message), cause.getRunId());
        Span span = tracer.spanBuilder(stage.stageName()).setParent(parent)
                .setAttribute(RunTraces.RUN_ID, cause.getRunId())
                .setAttribute("pipeline.stage", stage.stageName())
                .setAttribute("pipeline.cause_event_id", cause.getEventId())
                .startSpan();
        Context trace = parent.with(span);
        return Uni.createFrom().item(() -> {
                    if (attempts.incrementAndGet() > 1) {
                        metrics.stageRetried(stage);
                        span.addEvent("retry");
                    }
                    if (attempts.get() == 1) {
                        holdBeforeWork(stage, cause);
                    }
                    try (Scope current = trace.makeCurrent()) {
                        work.run();
                    }
                    return true;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(StageExecutor::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(ATTEMPTS - 1)
                .replaceWithVoid()
                .onItem().invoke(() -> {
                    metrics.stageProcessed(stage, "succeeded", Duration.ofNanos(System.nanoTime() - started));
                    span.end();
                })
                .onFailure().invoke(error -> {
                    metrics.stageProcessed(stage, "failed", Duration.ofNanos(System.nanoTime() - started));
                    span.recordException(error);
                    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                    span.end();
                })
                .onFailure().recoverWithUni(error -> reportFailure(stage, message, cause, error, attempts.get(), trace))
                .onItem().transformToUni(done -> Uni.createFrom().completionStage(message.ack()));
    }

    private void holdBeforeWork(PipelineStage stage, EventMeta cause) {
        Duration hold = settings.holdBeforeWork();
        if (hold.isZero()) {
            return;
        }
        LOG.infof("%s: run %s: event %s taken and held for %s before its work (pipeline.stage.hold-before-work, a fault-test setting)",
                stage, cause.getRunId(), cause.getEventId(), hold);
        try {
            Thread.sleep(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Faults of the infrastructure, which may pass; bad input or a bug will not. */
    static boolean isTransient(Throwable error) {
        return (error instanceof StorageException && !(error instanceof ObjectNotFoundException))
                || error instanceof TimeoutException
                || error instanceof ServiceUnavailableException
                || error instanceof RetriableException;
    }

    private <E> Uni<Void> reportFailure(PipelineStage stage, Message<E> message, EventMeta cause, Throwable error,
            int attempts, Context trace) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        LOG.errorf(error, "%s failed on event %s after %d attempt(s)", stage, cause.getEventId(), attempts);
        metrics.stageFailed(stage, isTransient(error));
        StageFailed failed = StageFailed.newBuilder()
                .setMeta(metas.causedBy(cause))
                .setStage(stage.stageName())
                .setCauseTopic(record == null ? "" : record.getTopic())
                .setCausePartition(record == null ? -1 : record.getPartition())
                .setCauseOffset(record == null ? -1 : record.getOffset())
                .setErrorClass(error.getClass().getName())
                .setMessage(String.valueOf(error.getMessage()))
                .setAttempts(attempts)
                .setRetryable(isTransient(error))
                .build();
        return sender.sendAsync(failures, failed, trace);
    }
}
