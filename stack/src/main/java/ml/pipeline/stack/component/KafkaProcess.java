package ml.pipeline.stack.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.process.Daemons;
import ml.pipeline.stack.process.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** A single Apache Kafka node in KRaft mode, broker and controller in one process. */
public final class KafkaProcess implements Component {
    private final StackConfig config;
    private final Path dir;

    public KafkaProcess(StackConfig config) {
        this.config = config;
        this.dir = config.home().resolve("kafka");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String endpoint() {
        return config.kafka().bootstrapServers();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.kafka().port(), config.kafka().controllerPort());
    }

    @Override
    public Path workingDirectory() {
        return dir;
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(serverProperties(), serverPropertiesText());
        if (Files.exists(dataDir().resolve("meta.properties"))) {
            return;
        }
        List<String> format = runtime.java(List.of("-cp", runtime.kafkaClasspath(), "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", serverProperties().toString()));
        int exit = Daemons.run(format, dir, log, Duration.ofMinutes(2));
        if (exit != 0) {
            throw new IOException("formatting Kafka's storage failed with exit code " + exit);
        }
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        return runtime.java(List.of(
                "-Xms128m", "-Xmx" + config.kafka().heap(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
                "-cp", runtime.kafkaClasspath(), "kafka.Kafka", serverProperties().toString()));
    }

    @Override
    public boolean isHealthy() {
        if (!Ports.isListening(config.kafka().port())) {
            return false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Path serverProperties() {
        return dir.resolve("server.properties");
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private String serverPropertiesText() {
        String host = StackConfig.LOOPBACK;
        return String.join("\n",
                "# Written by the stack launcher on every start; edit stack.properties instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + config.kafka().controllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + config.kafka().port() + ",CONTROLLER://" + host + ":"
                        + config.kafka().controllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + config.kafka().port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=" + config.topics().partitions(),
                // The stack creates every topic itself: a typo in a topic name fails loudly.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // The services' groups use Kafka 4's consumer protocol: a killed replica's partitions move
                // to the others after 10 s without a heartbeat (the default, 45 s, suits flaky networks).
                "group.consumer.min.session.timeout.ms=6000",
                "group.consumer.session.timeout.ms=10000",
                "group.consumer.min.heartbeat.interval.ms=1000",
                "group.consumer.heartbeat.interval.ms=2000",
                "");
    }
}
