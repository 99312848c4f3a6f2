package ml.pipeline.stack.component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.pipeline.stack.ServiceInstance;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/**
 * One instance of one of the pipeline's services (a replica has its own name, port, working
 * directory and log), run from the service's packaged Quarkus app with the stack's settings.
 */
public final class ServiceProcess implements Component {
    private final ServiceInstance instance;
    private final int port;
    private final StackConfig config;
    private final Map<String, String> extraSettings;

    public ServiceProcess(ServiceInstance instance, StackConfig config) {
        this(instance, config, Map.of());
    }

    /** With configuration keys of its own on top of the stack's (e.g. a fault test's settings). */
    public ServiceProcess(ServiceInstance instance, StackConfig config, Map<String, String> extraSettings) {
        this.instance = instance;
        this.port = instance.port(config.services());
        this.config = config;
        this.extraSettings = Map.copyOf(extraSettings);
    }

    @Override
    public String name() {
        return instance.name();
    }

    @Override
    public String endpoint() {
        return "http://" + StackConfig.LOOPBACK + ":" + port;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public Path workingDirectory() {
        return config.home().resolve("services").resolve(instance.name());
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) {
        runtime.serviceRunner(instance.service());
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        return runtime.java(List.of("-Xmx" + config.services().heap(),
                // DuckDB (Parquet datasets) loads its bundled native library: granted, so the JDK does not warn.
                "--enable-native-access=ALL-UNNAMED",
                "-Dpipeline.service.dir=" + workingDirectory(),
                "-jar", runtime.serviceRunner(instance.service()).toString()));
    }

    /** Settings travel as environment variables, which Quarkus maps onto its configuration keys. */
    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        config.connectionSettings().forEach((key, value) -> env.put(toEnvironmentName(key), value));
        config.serviceLinks().forEach((key, value) -> env.put(toEnvironmentName(key), value));
        config.serviceTokens().forEach((key, value) -> env.put(toEnvironmentName(key), value));
        extraSettings.forEach((key, value) -> env.put(toEnvironmentName(key), value));
        env.put("QUARKUS_HTTP_HOST", StackConfig.LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return env;
    }

    @Override
    public boolean isHealthy() {
        return HttpProbe.status(endpoint() + "/q/health/ready").orElse(0) == 200;
    }

    /** MicroProfile Config's rule: every character that is not a letter or digit becomes '_'. */
    static String toEnvironmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
