package ml.pipeline.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one source of truth for the pipeline's topics: each topic carries exactly one event type,
 * its value subject follows Confluent's TopicNameStrategy ({@code <topic>-value}), and poison
 * records go to {@code <topic>.dlq}.
 */
public enum Topic {
    DATASETS_PUBLISHED(Names.DATASETS_PUBLISHED, DatasetPublished.class, DatasetPublished.getClassSchema()),
    DATASETS_VALIDATED(Names.DATASETS_VALIDATED, DatasetValidated.class, DatasetValidated.getClassSchema()),
    DATASETS_REJECTED(Names.DATASETS_REJECTED, DatasetRejected.class, DatasetRejected.getClassSchema()),
    FEATURES_READY(Names.FEATURES_READY, FeaturesReady.class, FeaturesReady.getClassSchema()),
    CHECKPOINTS_WRITTEN(Names.CHECKPOINTS_WRITTEN, CheckpointWritten.class, CheckpointWritten.getClassSchema()),
    MODELS_EVALUATED(Names.MODELS_EVALUATED, ModelEvaluated.class, ModelEvaluated.getClassSchema()),
    MODELS_PROMOTED(Names.MODELS_PROMOTED, ModelPromoted.class, ModelPromoted.getClassSchema()),
    MODELS_ALIASES(Names.MODELS_ALIASES, ModelAliasChanged.class, ModelAliasChanged.getClassSchema()),
    EVALUATIONS_REQUESTED(Names.EVALUATIONS_REQUESTED, EvaluationRequested.class, EvaluationRequested.getClassSchema()),
    RUNS_CANCELLED(Names.RUNS_CANCELLED, RunCancelled.class, RunCancelled.getClassSchema()),
    PIPELINE_FAILURES(Names.PIPELINE_FAILURES, StageFailed.class, StageFailed.getClassSchema());

    /**
     * The topic names as constants, for annotations: a service's channel is named after its topic,
     * e.g. {@code @Channel(Topic.Names.DATASETS_PUBLISHED)}.
     */
    public static final class Names {
        public static final String DATASETS_PUBLISHED = "datasets.published";
        public static final String DATASETS_VALIDATED = "datasets.validated";
        public static final String DATASETS_REJECTED = "datasets.rejected";
        public static final String FEATURES_READY = "features.ready";
        public static final String CHECKPOINTS_WRITTEN = "checkpoints.written";
        public static final String MODELS_EVALUATED = "models.evaluated";
        public static final String MODELS_PROMOTED = "models.promoted";
        public static final String MODELS_ALIASES = "models.aliases";
        public static final String EVALUATIONS_REQUESTED = "evaluations.requested";
        public static final String RUNS_CANCELLED = "runs.cancelled";
        public static final String PIPELINE_FAILURES = "pipeline.failures";

        private Names() {
        }
    }

    /**
     * Not an event topic: the spans of runs, as JSON, from every service to the registry
     * (ml.pipeline.services.tracing). Created with the event topics, kept as briefly as dead letters.
     */
    public static final String TELEMETRY_SPANS = "telemetry.spans";

    private static final String VALUE_SUBJECT_SUFFIX = "-value";
    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private final String topicName;
    private final Class<? extends SpecificRecord> eventClass;
    private final Schema schema;

    Topic(String topicName, Class<? extends SpecificRecord> eventClass, Schema schema) {
        this.topicName = topicName;
        this.eventClass = eventClass;
        this.schema = schema;
    }

    /** The Kafka topic name, e.g. {@code datasets.published}. */
    public String topicName() {
        return topicName;
    }

    /** The schema registry subject of the record values (TopicNameStrategy). */
    public String valueSubject() {
        return valueSubjectOf(topicName);
    }

    /** Where records that cannot be processed are parked, with the error in headers. */
    public String deadLetterTopic() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    public Class<? extends SpecificRecord> eventClass() {
        return eventClass;
    }

    /** The Avro schema of the event, with the shared records inlined. */
    public Schema schema() {
        return schema;
    }

    public static String valueSubjectOf(String topicName) {
        return topicName + VALUE_SUBJECT_SUFFIX;
    }

    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }

    /** The topic that carries events of this class. */
    public static Topic of(Class<? extends SpecificRecord> eventClass) {
        return byEventClass(eventClass)
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + eventClass.getSimpleName()));
    }

    public static Optional<Topic> byEventClass(Class<? extends SpecificRecord> eventClass) {
        return Arrays.stream(values()).filter(t -> t.eventClass.equals(eventClass)).findFirst();
    }

    public static List<String> allTopicNames() {
        return Arrays.stream(values()).map(Topic::topicName).toList();
    }
}
