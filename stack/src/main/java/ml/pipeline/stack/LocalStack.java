package ml.pipeline.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import ml.pipeline.events.Topic;
import ml.pipeline.stack.component.ApicurioProcess;
import ml.pipeline.stack.component.ExternalPostgres;
import ml.pipeline.stack.component.KafkaProcess;
import ml.pipeline.stack.component.PostgresProcess;
import ml.pipeline.stack.component.S3ProxyProcess;
import ml.pipeline.stack.auth.SigningKey;
import ml.pipeline.stack.auth.Tokens;
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
    private final PostgresProcess embeddedPostgres;

    public LocalStack(StackConfig config, StackRuntime runtime, PrintStream out) {
        this.embeddedPostgres = config.postgres().isExternal() ? null : new PostgresProcess(config);
        this.processes = new ProcessGroup("Local stack", List.of(
                new ApicurioProcess(config),
                new KafkaProcess(config),
                new S3ProxyProcess(config),
                embeddedPostgres != null ? embeddedPostgres : new ExternalPostgres(config)),
                config, runtime, out);
    }

    public ProcessGroup processes() {
        return processes;
    }

    public StackConfig config() {
        return processes.config();
    }

    /** Returns the components it started; empty when it found the whole stack running. */
    public List<String> up() {
        Instant begin = Instant.now();
        List<String> started = processes.up();
        provision(processes.out());
        processes.out().printf("Stack ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return started;
    }

    public void down() {
        processes.down();
    }

    private void provision(PrintStream out) {
        StackConfig config = config();
        if (embeddedPostgres != null) {
            boolean created = step("postgres", "creating the database",
                    () -> new DatabaseProvisioner(config, embeddedPostgres.adminJdbcUrl()).ensureDatabase());
            if (created) {
                out.println("  created database " + config.postgres().database());
            }
        }
        boolean keyCreated;
        boolean tokenStored;
        try {
            keyCreated = SigningKey.ensure(config.auth());
            tokenStored = Tokens.ensureStored(config.auth(), System.getProperty("user.name", "cli"));
        } catch (IOException e) {
            throw new StackException("cannot write the signing key or the CLI's token under " + config.auth() + ": "
                    + e.getMessage(), e);
        }
        out.println("  tokens           signing key " + (keyCreated ? "created" : "present") + ", CLI token "
                + (tokenStored ? "stored (admin, valid " + Tokens.STORED_LIFETIME.toDays() + " days)" : "present")
                + " in " + config.auth());
        List<String> buckets = step("s3", "creating buckets", () -> new BucketProvisioner(config).ensureBuckets());
        out.println("  buckets          " + String.join(", ", config.s3().buckets()) + describeCreated(buckets));
        List<String> topics = step("kafka", "creating topics", () -> new TopicProvisioner(config).ensureTopics());
        out.println("  topics           " + Topic.values().length + " event topics and their .dlq" + describeCreated(topics));
        try {
            Map<String, Integer> ids = step("schema-registry", "registering schemas",
                    () -> new SchemaRegistrar(config.schemaRegistry().ccompatUrl()).registerAll());
            out.println("  schemas          " + ids.size() + " subjects registered, BACKWARD compatibility enforced");
        } catch (StackException e) {
            if (e.getCause() instanceof SchemaRegistrar.IncompatibleSchemaException) {
                throw new StackException("an event schema changed incompatibly (BACKWARD is enforced): "
                        + e.getCause().getMessage(), e.getCause());
            }
            throw e;
        }
    }

    /** One provisioning step; a failure names the component it concerns and points at its log. */
    private <T> T step(String component, String what, ProvisioningStep<T> step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + what);
        } catch (Exception e) {
            throw new StackException(what + " on " + component + " failed: " + e.getMessage()
                    + " (log: " + processes.logOf(component) + ")", e);
        }
    }

    @FunctionalInterface
    private interface ProvisioningStep<T> {
        T run() throws Exception;
    }

    private static String describeCreated(List<String> created) {
        return created.isEmpty() ? " (all present)" : " (created " + created.size() + ")";
    }
}
