package ml.pipeline.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.component.EmbeddedPostgres;
import ml.pipeline.stack.component.ExternalPostgres;
import ml.pipeline.stack.component.KafkaBroker;
import ml.pipeline.stack.component.ObjectStore;
import ml.pipeline.stack.component.SchemaRegistry;
import ml.pipeline.stack.provision.BucketProvisioner;
import ml.pipeline.stack.provision.DatabaseProvisioner;
import ml.pipeline.stack.provision.SchemaRegistrar;
import ml.pipeline.stack.provision.TopicProvisioner;

/**
 * The infrastructure every service needs: Kafka, the schema registry, the S3 store and
 * PostgreSQL. {@code up} also creates topics, buckets and the database, and registers every
 * event schema, each step idempotent.
 */
public final class LocalStack {
    private final ProcessGroup processes;
    private final EmbeddedPostgres embeddedPostgres;

    public LocalStack(StackConfig config, StackRuntime runtime, PrintStream out) {
        this.embeddedPostgres = config.postgresIsExternal() ? null : new EmbeddedPostgres(config);
        this.processes = new ProcessGroup("Local stack", List.of(
                new SchemaRegistry(config),
                new KafkaBroker(config),
                new ObjectStore(config),
                embeddedPostgres != null ? embeddedPostgres : new ExternalPostgres(config)),
                config, runtime, out);
    }

    public ProcessGroup processes() {
        return processes;
    }

    public StackConfig config() {
        return processes.config();
    }

    /** Returns true if it started any process, false if it found the whole stack running. */
    public boolean up() {
        Instant begin = Instant.now();
        boolean startedAny = processes.up();
        provision(processes.out());
        processes.out().printf("Stack ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return startedAny;
    }

    public void down() {
        processes.down();
    }

    private void provision(PrintStream out) {
        StackConfig config = config();
        if (embeddedPostgres != null
                && new DatabaseProvisioner(config, embeddedPostgres.adminJdbcUrl()).ensureDatabase()) {
            out.println("  created database " + config.postgresDatabase());
        }
        List<String> buckets = new BucketProvisioner(config).ensureBuckets();
        out.println("  buckets          " + String.join(", ", config.buckets()) + describeCreated(buckets));
        try {
            List<String> topics = new TopicProvisioner(config).ensureTopics();
            out.println("  topics           " + Topic.values().length + " event topics and their .dlq" + describeCreated(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating topics");
        }
        try {
            Map<String, Integer> ids = new SchemaRegistrar(config.ccompatUrl()).registerAll();
            out.println("  schemas          " + ids.size() + " subjects registered, BACKWARD compatibility enforced");
        } catch (SchemaRegistrar.IncompatibleSchemaException e) {
            throw new StackException("an event schema changed incompatibly (BACKWARD is enforced): " + e.getMessage(), e);
        }
    }

    private static String describeCreated(List<String> created) {
        return created.isEmpty() ? " (all present)" : " (created " + created.size() + ")";
    }
}
