package ml.pipeline.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ml.pipeline.stack.component.Component;
import ml.pipeline.stack.component.ServiceProcess;

/**
 * The six pipeline services, each its own process on its own port, wired to the local stack. A
 * service may run as several replicas (trainer, trainer-2, ...): they share its consumer group,
 * so Kafka spreads the topics' partitions over them.
 */
public final class LocalServices {
    /** In the order an event travels through them. */
    public static final List<String> NAMES = List.of("ingest", "validate", "features", "trainer", "evaluator", "registry");

    private final ProcessGroup processes;
    private final LocalStack stack;
    private final StackRuntime runtime;
    private final PrintStream out;

    public LocalServices(LocalStack stack, StackRuntime runtime, PrintStream out) {
        this(stack, runtime, out, Map.of());
    }

    /**
     * With {@code replicas} copies of the services it names (see {@link ServiceReplicas}); replicas
     * started earlier and still recorded stay part of the group, so that status and down see them.
     */
    public LocalServices(LocalStack stack, StackRuntime runtime, PrintStream out, Map<String, Integer> replicas) {
        this.stack = stack;
        this.runtime = runtime;
        this.out = out;
        StackConfig config = stack.config();
        List<ServiceInstance> recorded = recordedReplicas(config.pids());
        List<Component> components = new ArrayList<>();
        for (String name : NAMES) {
            int count = Math.max(replicas.getOrDefault(name, 1), recorded.stream()
                    .filter(i -> i.service().equals(name)).mapToInt(ServiceInstance::replica).max().orElse(1));
            for (int replica = 1; replica <= count; replica++) {
                components.add(new ServiceProcess(new ServiceInstance(name, replica), config));
            }
        }
        this.processes = new ProcessGroup("Services", components, config, runtime, out);
    }

    /**
     * Starts one service instance (not running) with settings of its own on top of the stack's:
     * for fault tests that hold something back. It shares its pid file with the group, so
     * {@link #down()} and {@link ProcessGroup#kill} find it.
     */
    public void startWith(String name, Map<String, String> settings) {
        StackConfig config = stack.config();
        new ProcessGroup("Service " + name, List.of(new ServiceProcess(ServiceInstance.ofName(name), config, settings)),
                config, runtime, out).up();
    }

    public ProcessGroup processes() {
        return processes;
    }

    /**
     * Returns the instances it started; empty when all were running. The services need the stack:
     * refused clearly rather than starting services that cannot connect.
     */
    public List<String> up() {
        if (!stack.processes().isHealthy()) {
            throw new StackException("the local stack is not running or not healthy: start it with ./pipeline stack up");
        }
        return processes.up();
    }

    public void down() {
        processes.down();
    }

    /** Replicas beyond the first that have a pid file (running, or killed and not yet started again). */
    private static List<ServiceInstance> recordedReplicas(Path pids) {
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length()))
                    .map(LocalServices::replicaOrNull)
                    .filter(i -> i != null && i.replica() > 1 && NAMES.contains(i.service()))
                    .toList();
        } catch (IOException e) {
            throw new StackException("cannot list " + pids + ": " + e.getMessage());
        }
    }

    private static ServiceInstance replicaOrNull(String name) {
        try {
            return ServiceInstance.ofName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
