package ml.pipeline.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.stack.component.Component;
import ml.pipeline.stack.component.EmbeddedPostgres;
import ml.pipeline.stack.component.ExternalPostgres;
import ml.pipeline.stack.component.KafkaBroker;
import ml.pipeline.stack.component.ObjectStore;
import ml.pipeline.stack.component.SchemaRegistry;
import ml.pipeline.stack.process.Daemons;
import ml.pipeline.stack.process.PidFile;
import ml.pipeline.stack.process.Ports;
import ml.pipeline.stack.provision.BucketProvisioner;
import ml.pipeline.stack.provision.DatabaseProvisioner;
import ml.pipeline.stack.provision.SchemaRegistrar;
import ml.pipeline.stack.provision.TopicProvisioner;

/**
 * Starts, provisions, reports on and stops the local stack. Every component runs as its own
 * process, recorded in a pid file under {@code <home>/run}; data and logs stay under the home.
 */
public final class StackLauncher {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_LINES_IN_ERRORS = 15;

    private final StackConfig config;
    private final StackRuntime runtime;
    private final PrintStream out;
    private final List<Component> components;

    public StackLauncher(StackConfig config, StackRuntime runtime, PrintStream out) {
        this.config = config;
        this.runtime = runtime;
        this.out = out;
        // Start order: the slowest to become ready first.
        this.components = List.of(
                new SchemaRegistry(config),
                new KafkaBroker(config),
                new ObjectStore(config),
                config.postgresIsExternal() ? new ExternalPostgres(config) : new EmbeddedPostgres(config));
    }

    public StackConfig config() {
        return config;
    }

    /** Starts what is not running, waits until all are healthy, then creates topics, buckets, database, schemas. */
    public void up() {
        Instant begin = Instant.now();
        createDirectories();
        out.println("Local stack in " + config.home());
        Map<Component, Process> started = new LinkedHashMap<>();
        for (Component component : components) {
            if (!component.isManaged()) {
                out.printf("  %-9s external     %s%n", component.name(), component.endpoint());
                continue;
            }
            Optional<ProcessHandle> running = pidFile(component).alive();
            if (running.isPresent()) {
                out.printf("  %-9s running      pid %d%n", component.name(), running.get().pid());
                continue;
            }
            started.put(component, start(component));
        }
        awaitHealthy(begin, started);
        provision();
        out.printf("Stack ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    /** Stops every process the stack started, by pid; data stays. */
    public void down() {
        for (Component component : components.reversed()) {
            if (!component.isManaged()) {
                continue;
            }
            PidFile pidFile = pidFile(component);
            Optional<ProcessHandle> running = pidFile.alive();
            if (running.isEmpty()) {
                out.printf("  %-9s not running%n", component.name());
                pidFile.delete();
                continue;
            }
            long pid = running.get().pid();
            try {
                boolean graceful = Daemons.stop(running.get(), component.stopSignal(), STOP_GRACE);
                out.printf("  %-9s stopped      pid %d%s%n", component.name(), pid, graceful ? "" : " (killed after "
                        + STOP_GRACE.toSeconds() + " s)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while stopping " + component.name());
            }
            pidFile.delete();
        }
        out.println("Stack stopped; data kept in " + config.home());
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> statuses = new ArrayList<>();
        for (Component component : components) {
            if (!component.isManaged()) {
                statuses.add(new ComponentStatus(component.name(), ComponentStatus.State.EXTERNAL, Optional.empty(),
                        component.endpoint(), Optional.empty(), component.isHealthy(), 0));
                continue;
            }
            Optional<ProcessHandle> running = pidFile(component).alive();
            statuses.add(running
                    .map(handle -> new ComponentStatus(component.name(), ComponentStatus.State.RUNNING,
                            Optional.of(handle.pid()), component.endpoint(), handle.info().startInstant(),
                            component.isHealthy(), Daemons.residentBytes(handle)))
                    .orElseGet(() -> new ComponentStatus(component.name(), ComponentStatus.State.STOPPED,
                            Optional.empty(), component.endpoint(), Optional.empty(), false, 0)));
        }
        return statuses;
    }

    /** True when every component answers its health probe now. */
    public boolean isHealthy() {
        return components.stream().allMatch(Component::isHealthy);
    }

    public List<String> componentNames() {
        return components.stream().map(Component::name).toList();
    }

    public Path logOf(String componentName) {
        return config.logs().resolve(componentName + ".log");
    }

    private Process start(Component component) {
        for (int port : component.ports()) {
            if (!Ports.isFree(port)) {
                throw new StackException(component.name() + " cannot start: port " + port
                        + " is already in use by another process. Stop that process, or move the stack's ports"
                        + " with PIPELINE_PORT_OFFSET (see README).");
            }
        }
        Path log = logOf(component.name());
        try {
            appendMarker(log, "starting " + component.name());
            component.prepare(runtime, log);
            Process process = Daemons.start(component.command(runtime), component.workingDirectory(), log,
                    component.environment());
            pidFile(component).record(process.toHandle());
            out.printf("  %-9s starting     pid %d, log %s%n", component.name(), process.pid(), log);
            return process;
        } catch (IOException | RuntimeException e) {
            throw new StackException(component.name() + " could not start: " + e.getMessage() + logTail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting " + component.name());
        }
    }

    private void awaitHealthy(Instant begin, Map<Component, Process> started) {
        Instant deadline = Instant.now().plusSeconds(config.startTimeoutSeconds());
        List<Component> pending = new ArrayList<>(components);
        while (!pending.isEmpty()) {
            for (Component component : List.copyOf(pending)) {
                if (component.isHealthy()) {
                    pending.remove(component);
                    out.printf("  %-9s ready        %s (%.1f s)%n", component.name(), component.endpoint(),
                            Duration.between(begin, Instant.now()).toMillis() / 1000.0);
                } else if (component.isManaged() && pidFile(component).alive().isEmpty()) {
                    Process process = started.get(component);
                    String exit = process != null && !process.isAlive() ? " with exit code " + process.exitValue() : "";
                    throw new StackException(component.name() + " stopped while starting" + exit + "."
                            + logTail(logOf(component.name())));
                } else if (!component.isManaged() && Instant.now().isAfter(deadline)) {
                    throw new StackException(component.name() + " at " + component.endpoint()
                            + " does not accept the configured user and password, or is not reachable.");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder message = new StringBuilder("not healthy after " + config.startTimeoutSeconds() + " s:");
                for (Component component : pending) {
                    message.append(' ').append(component.name());
                }
                pending.forEach(c -> message.append(logTail(logOf(c.name()))));
                throw new StackException(message.toString());
            }
            pause();
        }
    }

    private void provision() {
        if (!config.postgresIsExternal()) {
            EmbeddedPostgres postgres = (EmbeddedPostgres) components.getLast();
            if (new DatabaseProvisioner(config, postgres.adminJdbcUrl()).ensureDatabase()) {
                out.println("  created database " + config.postgresDatabase());
            }
        }
        List<String> buckets = new BucketProvisioner(config).ensureBuckets();
        out.println("  buckets   " + String.join(", ", config.buckets()) + describeCreated(buckets));
        try {
            List<String> topics = new TopicProvisioner(config).ensureTopics();
            out.println("  topics    " + ml.pipeline.events.Topic.values().length + " event topics + dead-letter topics"
                    + describeCreated(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating topics");
        }
        Map<String, Integer> ids;
        try {
            ids = new SchemaRegistrar(config.ccompatUrl()).registerAll();
        } catch (SchemaRegistrar.IncompatibleSchemaException e) {
            throw new StackException("an event schema changed incompatibly (BACKWARD is enforced): " + e.getMessage(), e);
        }
        out.println("  schemas   " + ids.size() + " subjects registered, BACKWARD compatibility enforced");
    }

    private static String describeCreated(List<String> created) {
        return created.isEmpty() ? " (all present)" : " (created " + created.size() + ")";
    }

    private PidFile pidFile(Component component) {
        return new PidFile(config.pids().resolve(component.name() + ".pid"));
    }

    private void createDirectories() {
        try {
            Files.createDirectories(config.logs());
            Files.createDirectories(config.pids());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack's folders under " + config.home(), e);
        }
    }

    private static void appendMarker(Path log, String text) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- " + Instant.now() + " " + text + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The last lines of a log, for error messages that point at it. */
    static String logTail(Path log) {
        StringBuilder text = new StringBuilder("\n  log: ").append(log);
        try {
            List<String> lines = Files.readAllLines(log);
            for (String line : lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size())) {
                text.append("\n    | ").append(line);
            }
        } catch (IOException e) {
            text.append(" (not readable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the stack");
        }
    }
}
