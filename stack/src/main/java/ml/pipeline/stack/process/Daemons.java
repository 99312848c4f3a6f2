package ml.pipeline.stack.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts long-lived processes that outlive the launcher, and stops them. */
public final class Daemons {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** Options meant for the caller's JVM (a debugger port, say) would clash in every child JVM. */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private Daemons() {
    }

    /**
     * Starts {@code command} in its own session (so a Ctrl-C in the launching terminal does not
     * reach it), with stdin closed and stdout+stderr appended to {@code log}.
     */
    public static Process start(List<String> command, Path workingDirectory, Path log, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(workingDirectory);
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeAll(JVM_OPTION_VARIABLES);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs a short command to completion; its output goes to {@code log}. Returns the exit code. */
    public static int run(List<String> command, Path workingDirectory, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /**
     * Asks the process to stop with {@code signal} (e.g. "TERM", "INT"), waits up to {@code grace},
     * then kills it and whatever it started. Returns true if it stopped gracefully.
     */
    public static boolean stop(ProcessHandle process, String signal, Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        sendSignal(process, signal);
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            descendants.forEach(ProcessHandle::destroyForcibly);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            return false;
        }
    }

    /** Resident memory of the process and its descendants, in bytes (Linux /proc). */
    public static long residentBytes(ProcessHandle process) {
        long total = residentBytesOf(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += residentBytesOf(child.pid());
        }
        return total;
    }

    private static long residentBytesOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void sendSignal(ProcessHandle process, String signal) throws InterruptedException {
        if ("TERM".equals(signal)) {
            process.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            process.destroy();
        }
    }
}
