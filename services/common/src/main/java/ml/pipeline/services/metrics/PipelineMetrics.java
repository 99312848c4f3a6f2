package ml.pipeline.services.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import ml.pipeline.core.run.PipelineStage;

/**
 * Every meter of the pipeline's own, named once here (Prometheus adds {@code _total},
 * {@code _seconds} and the histogram buckets). Tags are topics, stages, pipelines and models:
 * few values each.
 */
@ApplicationScoped
public class PipelineMetrics {
    static final String EVENTS_IN = "pipeline.events.in";
    static final String EVENTS_OUT = "pipeline.events.out";
    static final String EVENTS_FAILED = "pipeline.events.failed";
    static final String DEAD_LETTERS = "pipeline.dead.letters";
    static final String STAGE_TIME = "pipeline.stage.processing";
    static final String STAGE_RETRIES = "pipeline.stage.retries";
    static final String STAGE_FAILURES = "pipeline.stage.failures";
    static final String TRAINING_SAMPLES = "pipeline.training.samples";
    static final String TRAINING_STEP = "pipeline.training.step";
    static final String TRAINING_THROUGHPUT = "pipeline.training.samples.per.second";
    static final String GATE_DECISIONS = "pipeline.gate.decisions";
    static final String DATASETS_REJECTED = "pipeline.datasets.rejected";
    static final String DRIFT_REJECTIONS = "pipeline.drift.rejections";
    static final String WEBHOOK_ATTEMPTS = "pipeline.webhook.attempts";
    static final String SOURCE_POLLS = "pipeline.source.polls";
    static final String SOURCE_RUNS = "pipeline.source.runs";

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An event read from {@code topic} (before its handler ran). */
    public void eventIn(String topic) {
        counter(EVENTS_IN, "Events read, per topic", "topic", topic).increment();
    }

    /** An event the broker acknowledged on {@code topic}. */
    public void eventOut(String topic) {
        counter(EVENTS_OUT, "Events sent and acknowledged by the broker, per topic", "topic", topic).increment();
    }

    /** {@code direction}: {@code in} (its handler failed: the record goes to the dead-letter topic) or {@code out} (the broker refused it). */
    public void eventFailed(String topic, String direction) {
        counter(EVENTS_FAILED, "Events whose handling (in) or sending (out) failed, per topic", "topic", topic,
                "direction", direction).increment();
        if ("in".equals(direction)) {
            counter(DEAD_LETTERS, "Records parked on <topic>.dlq, per source topic", "topic", topic).increment();
        }
    }

    /** One stage's work on one event: {@code outcome} is {@code succeeded} or {@code failed}. */
    public void stageProcessed(PipelineStage stage, String outcome, Duration took) {
        Timer.builder(STAGE_TIME).description("Time a stage took on one event, retries included")
                .tags("stage", stage.stageName(), "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    public void stageRetried(PipelineStage stage) {
        counter(STAGE_RETRIES, "Attempts of a stage retried after a transient fault", "stage", stage.stageName()).increment();
    }

    /** A StageFailed published: the stage gave up on an event. */
    public void stageFailed(PipelineStage stage, boolean retryable) {
        counter(STAGE_FAILURES, "Events a stage gave up on (StageFailed published)", "stage", stage.stageName(),
                "retryable", String.valueOf(retryable)).increment();
    }

    /** Training between two checkpoints: {@code samples} rows seen in {@code steps} steps, in {@code took}. */
    public void trained(String model, long samples, long steps, Duration took) {
        counter(TRAINING_SAMPLES, "Training rows seen (one per row per epoch)", "model", model).increment(samples);
        if (steps > 0) {
            Timer.builder(TRAINING_STEP).description("Mean time of one optimizer step, measured between checkpoints")
                    .tags("model", model)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(took.dividedBy(steps));
        }
        double seconds = took.toNanos() / 1e9;
        if (seconds > 0) {
            DistributionSummary.builder(TRAINING_THROUGHPUT).description("Training samples per second, between checkpoints")
                    .tags("model", model)
                    .register(registry)
                    .record(samples / seconds);
        }
    }

    /** The gate's verdict on a candidate. */
    public void gateDecided(String pipeline, boolean passed) {
        counter(GATE_DECISIONS, "Gate verdicts on candidates", "pipeline", pipeline, "verdict",
                passed ? "passed" : "refused").increment();
    }

    /** A dataset rejected; {@code byDrift}: drift against production was (among) the reasons. */
    public void datasetRejected(String pipeline, boolean byDrift) {
        counter(DATASETS_REJECTED, "Datasets rejected by validation", "pipeline", pipeline).increment();
        if (byDrift) {
            counter(DRIFT_REJECTIONS, "Datasets rejected for drift against the production model's data", "pipeline",
                    pipeline).increment();
        }
    }

    /**
     * One attempt to deliver an alert to a webhook: {@code outcome} is {@code delivered},
     * {@code retrying} (it will be tried again) or {@code failed} (given up); delivered plus failed
     * counts the deliveries.
     */
    public void webhookAttempt(String kind, String outcome) {
        counter(WEBHOOK_ATTEMPTS, "Attempts to deliver an alert to a webhook, per alert kind and outcome", "kind", kind,
                "outcome", outcome).increment();
    }

    /**
     * One poll of a pipeline's source (the spec's {@code source:}): {@code outcome} is
     * {@code published}, {@code unchanged} or {@code error}; {@code runs} the runs it started.
     */
    public void sourcePolled(String pipeline, String outcome, int runs) {
        counter(SOURCE_POLLS, "Polls of a pipeline's source, per outcome", "pipeline", pipeline, "outcome", outcome).increment();
        counter(SOURCE_RUNS, "Runs a pipeline's source started by itself", "pipeline", pipeline).increment(runs);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
