package ml.pipeline.evaluator.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import ml.pipeline.core.spec.ModelStage;
import ml.pipeline.evaluator.domain.CatchUp;
import ml.pipeline.events.ModelPromoted;
import ml.pipeline.events.ModelRef;
import ml.pipeline.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The version each model has in production, the baseline a first evaluation compares with: a read
 * model fed by the registry's ModelPromoted events, read from the topic's start. After a restart,
 * an evaluation waits (up to {@link #CATCH_UP_WAIT}) until everything that was on the topic at
 * start-up is read, so it is not compared with an empty view. Between topics it can still lag the
 * registry; the registry's compare-and-set catches that and asks for the candidate to be
 * evaluated again against the version it names.
 */
@ApplicationScoped
public class BaselineService {
    static final Duration CATCH_UP_WAIT = Duration.ofSeconds(30);
    /** For a ModelPromoted written before it carried its model: its training run was not named. */
    static final String UNKNOWN_TRAINING_RUN = "unknown";
    private static final Logger LOG = Logger.getLogger(BaselineService.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 10;

    private final Map<String, ModelRef> byModel = new ConcurrentHashMap<>();
    private final CatchUp catchUp = new CatchUp();
    private final String bootstrapServers;

    public BaselineService(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Learns where models.promoted ends now: the events before it are what a restarted evaluator must read first. */
    void onStart(@Observes StartupEvent event) {
        String topic = Topic.MODELS_PROMOTED.topicName();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            catchUp.expect(ends.entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset())));
        } catch (Exception e) {
            LOG.warnf("cannot tell where %s ends (%s): evaluations will not wait for the baselines to be read", topic, e);
            catchUp.expect(Map.of());
        }
    }

    /** One ModelPromoted, read at {@code offset} of {@code partition}. */
    public void promoted(ModelPromoted event, int partition, long offset) {
        if (ModelStage.PRODUCTION.stageName().equals(event.getStage())) {
            byModel.put(event.getModelName(), modelOf(event));
        } else {
            // The version in production was moved out of it by hand: nothing is in production now.
            byModel.computeIfPresent(event.getModelName(),
                    (model, current) -> current.getVersion() == event.getVersion() ? null : current);
        }
        catchUp.read(partition, offset);
    }

    /** The version in production of {@code model}, once what the topic held at start-up is read. */
    public Optional<ModelRef> current(String model) {
        try {
            if (!catchUp.awaitCaughtUp(CATCH_UP_WAIT)) {
                LOG.warnf("the baselines are not all read after %s: %s is compared with what is known", CATCH_UP_WAIT, model);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(byModel.get(model));
    }

    private static ModelRef modelOf(ModelPromoted event) {
        if (event.getModel() != null) {
            return event.getModel();
        }
        return ModelRef.newBuilder().setName(event.getModelName()).setTrainingRunId(UNKNOWN_TRAINING_RUN)
                .setVersion(event.getVersion()).setUri(event.getArtifactUri()).build();
    }
}
