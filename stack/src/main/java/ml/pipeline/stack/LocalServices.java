package ml.pipeline.stack;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import ml.pipeline.stack.component.Component;
import ml.pipeline.stack.component.ServiceProcess;

/** The six pipeline services, each its own process on its own port, wired to the local stack. */
public final class LocalServices {
    /** In the order an event travels through them. */
    public static final List<String> NAMES = List.of("ingest", "validate", "features", "trainer", "evaluator", "registry");

    private final ProcessGroup processes;
    private final LocalStack stack;
    private final StackRuntime runtime;
    private final PrintStream out;

    public LocalServices(LocalStack stack, StackRuntime runtime, PrintStream out) {
        this.stack = stack;
        this.runtime = runtime;
        this.out = out;
        StackConfig config = stack.config();
        this.processes = new ProcessGroup("Services", NAMES.stream()
                .map(name -> (Component) new ServiceProcess(name, config.services().port(name), config))
                .toList(), config, runtime, out);
    }

    /**
     * Starts one service (not running) with settings of its own on top of the stack's: for fault
     * tests that hold something back. It shares its pid file with the group, so {@link #down()}
     * and {@link ProcessGroup#kill} find it.
     */
    public void startWith(String name, Map<String, String> settings) {
        StackConfig config = stack.config();
        new ProcessGroup("Service " + name, List.of(new ServiceProcess(name, config.services().port(name), config, settings)),
                config, runtime, out).up();
    }

    public ProcessGroup processes() {
        return processes;
    }

    /** The services need the stack: refuse clearly rather than start services that cannot connect. */
    /** Returns the services it started; empty when all were running. */
    public List<String> up() {
        if (!stack.processes().isHealthy()) {
            throw new StackException("the local stack is not running or not healthy: start it with ./pipeline stack up");
        }
        return processes.up();
    }

    public void down() {
        processes.down();
    }
}
