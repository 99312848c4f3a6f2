package ml.pipeline.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import ml.pipeline.stack.component.Component;
import ml.pipeline.stack.process.Daemons;
import ml.pipeline.stack.process.Directories;
import ml.pipeline.stack.process.GroupLock;
import ml.pipeline.stack.process.LogTail;
import ml.pipeline.stack.process.PidFile;
import ml.pipeline.stack.process.Ports;

/**
 * Processes started, watched and stopped as one group: each runs detached, recorded in a pid file
 * under {@code <home>/run}, with its log under {@code <home>/logs}. Up, down and wipe hold a lock
 * on the home, so two commands never start the same component twice.
 */
public final class ProcessGroup {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    /** An external service that refuses us now will most likely keep refusing: say so soon. */
    private static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_LINES_IN_ERRORS = 15;

    private final String title;
    private final StackConfig config;
    private final StackRuntime runtime;
    private final PrintStream out;
    private final List<Component> components;

    /** {@code components} in start order: the slowest to become ready first. */
    public ProcessGroup(String title, List<Component> components, StackConfig config, StackRuntime runtime,
            PrintStream out) {
        this.title = title;
        this.components = List.copyOf(components);
        this.config = config;
        this.runtime = runtime;
        this.out = out;
    }

    public StackConfig config() {
        return config;
    }

    PrintStream out() {
        return out;
    }

    /**
     * Starts what is not running and waits until every component is healthy. Returns the names of
     * the components it started (empty when all were running). If any fails, those it started
     * are stopped again before the error is thrown.
     */
    public List<String> up() {
        Instant begin = Instant.now();
        try (GroupLock lock = lock()) {
            out.println(title + " in " + config.home());
            List<Component> toStart = components.stream()
                    .filter(Component::isManaged)
                    .filter(c -> pidFile(c).alive().isEmpty())
                    .toList();
            requireFreePorts(toStart);
            Map<Component, Process> started = new LinkedHashMap<>();
            try {
                for (Component component : components) {
                    if (!component.isManaged()) {
                        out.printf("  %-16s external     %s%n", component.name(), component.endpoint());
                    } else if (toStart.contains(component)) {
                        started.put(component, start(component));
                    } else {
                        long pid = pidFile(component).alive().map(ProcessHandle::pid).orElse(-1L);
                        out.printf("  %-16s running      pid %d%n", component.name(), pid);
                    }
                }
                awaitHealthy(begin, started);
            } catch (RuntimeException e) {
                stopStarted(started);
                throw e;
            }
            return started.keySet().stream().map(Component::name).toList();
        }
    }

    /** Stops every process of the group, by pid, last started first; data stays. */
    public void down() {
        try (GroupLock lock = lock()) {
            stopAll(components);
            out.println(title + " stopped; data kept in " + config.home());
        }
    }

    /** Stops only the named components (those an {@link #up()} reported it started). */
    public void stop(Collection<String> names) {
        try (GroupLock lock = lock()) {
            stopAll(components.stream().filter(c -> names.contains(c.name())).toList());
        }
    }

    /**
     * Kills the named component at once (SIGKILL), as a crash would, and waits until it is gone:
     * for fault tests. Its pid file stays; {@link #up()} starts it again.
     */
    public void kill(String name) {
        Component component = components.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new StackException("no component named '" + name + "'; there are " + componentNames()));
        pidFile(component).alive().ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** Deletes the data of every component of the group; refused while any of them runs. */
    public void wipeData() {
        try (GroupLock lock = lock()) {
            List<String> running = components.stream().filter(Component::isManaged)
                    .filter(c -> pidFile(c).alive().isPresent()).map(Component::name).toList();
            if (!running.isEmpty()) {
                throw new StackException("cannot wipe data while " + running + " run: stop them first");
            }
            for (Component component : components) {
                if (component.isManaged()) {
                    try {
                        Directories.deleteRecursively(component.workingDirectory());
                    } catch (IOException e) {
                        throw new StackException("cannot delete " + component.workingDirectory() + ": " + e.getMessage(), e);
                    }
                }
            }
            out.println("  wiped the data of " + componentNames() + " in " + config.home());
        }
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

    /** Checked for all before starting any, so a busy port leaves nothing half-started. */
    private static void requireFreePorts(List<Component> toStart) {
        for (Component component : toStart) {
            for (int port : component.ports()) {
                if (!Ports.isFree(port)) {
                    throw new StackException(component.name() + " cannot start: port " + port
                            + " is already in use by another process. Stop that process, or move the ports"
                            + " with PIPELINE_PORT_OFFSET (PIPELINE_TEST_PORT_OFFSET for the test stack).");
                }
            }
        }
    }

    private Process start(Component component) {
        Path log = logOf(component.name());
        try {
            appendMarker(log, "starting " + component.name());
            component.prepare(runtime, log);
            Process process = Daemons.start(component.command(runtime), component.workingDirectory(), log,
                    component.environment());
            pidFile(component).record(process.toHandle());
            out.printf("  %-16s starting     pid %d, log %s%n", component.name(), process.pid(), log);
            return process;
        } catch (IOException | RuntimeException e) {
            throw new StackException(component.name() + " could not start: " + e.getMessage() + logTail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting " + component.name());
        }
    }

    private void awaitHealthy(Instant begin, Map<Component, Process> started) {
        Instant deadline = begin.plusSeconds(config.startTimeoutSeconds());
        Instant externalDeadline = begin.plus(EXTERNAL_TIMEOUT);
        List<Component> pending = new ArrayList<>(components);
        while (!pending.isEmpty()) {
            for (Component component : List.copyOf(pending)) {
                if (component.isHealthy()) {
                    pending.remove(component);
                    out.printf("  %-16s ready        %s (%.1f s)%n", component.name(), component.endpoint(),
                            Duration.between(begin, Instant.now()).toMillis() / 1000.0);
                } else if (component.isManaged() && pidFile(component).alive().isEmpty()) {
                    Process process = started.get(component);
                    String exit = process != null && !process.isAlive() ? " with exit code " + process.exitValue() : "";
                    throw new StackException(component.name() + " stopped while starting" + exit + "."
                            + logTail(logOf(component.name())));
                } else if (!component.isManaged() && Instant.now().isAfter(externalDeadline)) {
                    throw new StackException(component.name() + " at " + component.endpoint() + " is not usable: "
                            + component.lastProblem().orElse("it does not answer"));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder message = new StringBuilder("not healthy after " + config.startTimeoutSeconds() + " s:");
                pending.forEach(c -> message.append(' ').append(c.name()));
                pending.stream().filter(Component::isManaged).forEach(c -> message.append(logTail(logOf(c.name()))));
                throw new StackException(message.toString());
            }
            pause();
        }
    }

    /** Rolls back a failed up: stops, through their own handles, the processes this attempt started. */
    private void stopStarted(Map<Component, Process> started) {
        for (Map.Entry<Component, Process> entry : started.entrySet()) {
            Component component = entry.getKey();
            if (entry.getValue().isAlive()) {
                try {
                    Daemons.stop(entry.getValue().toHandle(), component.stopSignal(), STOP_GRACE);
                    out.printf("  %-16s stopped      pid %d (this attempt started it)%n", component.name(),
                            entry.getValue().pid());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            pidFile(component).delete();
        }
    }

    private void stopAll(Collection<Component> toStop) {
        for (Component component : components.reversed()) {
            if (!component.isManaged() || !toStop.contains(component)) {
                continue;
            }
            PidFile pidFile = pidFile(component);
            Optional<ProcessHandle> running = pidFile.alive();
            if (running.isEmpty()) {
                out.printf("  %-16s not running%n", component.name());
                pidFile.delete();
                continue;
            }
            long pid = running.get().pid();
            try {
                boolean graceful = Daemons.stop(running.get(), component.stopSignal(), STOP_GRACE);
                out.printf("  %-16s stopped      pid %d%s%n", component.name(), pid,
                        graceful ? "" : " (killed after " + STOP_GRACE.toSeconds() + " s)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while stopping " + component.name());
            }
            pidFile.delete();
        }
    }

    private GroupLock lock() {
        return GroupLock.acquire(config.pids().resolve(".lock"), out);
    }

    private PidFile pidFile(Component component) {
        return new PidFile(config.pids().resolve(component.name() + ".pid"), component.processSignature());
    }

    private static void appendMarker(Path log, String text) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "---- " + Instant.now() + " " + text + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last lines of a log, for error messages that point at it. */
    private static String logTail(Path log) {
        StringBuilder text = new StringBuilder("\n  log: ").append(log);
        try {
            LogTail.lastLines(log, LOG_LINES_IN_ERRORS).forEach(line -> text.append("\n    | ").append(line));
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
            throw new StackException("interrupted while waiting for the components to become healthy");
        }
    }
}
