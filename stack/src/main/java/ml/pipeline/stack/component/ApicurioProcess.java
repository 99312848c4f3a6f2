package ml.pipeline.stack.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/**
 * Apicurio Registry: its Confluent-compatible API ({@code /apis/ccompat/v7}) serves Kafka UI and
 * any Confluent client; schemas persist in an H2 file under the stack's home.
 */
public final class ApicurioProcess implements Component {
    private final StackConfig config;
    private final Path dir;

    public ApicurioProcess(StackConfig config) {
        this.config = config;
        this.dir = config.home().resolve("registry");
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public String endpoint() {
        return config.schemaRegistry().ccompatUrl();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.schemaRegistry().port(), config.schemaRegistry().managementPort());
    }

    @Override
    public Path workingDirectory() {
        return dir;
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        String host = StackConfig.LOOPBACK;
        return runtime.java(List.of(
                "-Xmx" + config.schemaRegistry().heap(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-Dquarkus.http.host=" + host,
                "-Dquarkus.http.port=" + config.schemaRegistry().port(),
                "-Dquarkus.management.host=" + host,
                "-Dquarkus.management.port=" + config.schemaRegistry().managementPort(),
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("db/registry"),
                "-Dapicurio.storage.snapshot.location=" + dir.resolve("tmp"),
                "-Dapicurio.import.work-dir=" + dir.resolve("tmp"),
                "-Dquarkus.otel.sdk.disabled=true",
                "-Dquarkus.http.access-log.enabled=false",
                "-jar", runtime.apicurioRunner().toString()));
    }

    @Override
    public boolean isHealthy() {
        return HttpProbe.status("http://" + StackConfig.LOOPBACK + ":" + config.schemaRegistry().managementPort() + "/health/ready")
                .orElse(0) == 200;
    }
}
