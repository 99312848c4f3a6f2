package ml.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import ml.pipeline.stack.ComponentStatus;
import ml.pipeline.stack.ProcessGroup;
import ml.pipeline.stack.process.LogTail;

/** The {@code status} and {@code logs} output shared by {@code stack} and {@code services}. */
final class ProcessGroupReport {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String ROW = "  %-16s %-9s %-8s %-20s %-8s %-7s %s%n";

    private ProcessGroupReport() {
    }

    /** Returns 0 when every component runs and is healthy, 3 otherwise (as an init script's status does). */
    static int printStatus(ProcessGroup group, PrintWriter out) {
        out.println("Data and logs in " + group.config().home());
        out.printf(ROW, "NAME", "STATE", "PID", "SINCE", "RSS", "HEALTH", "ENDPOINT");
        boolean allHealthy = true;
        for (ComponentStatus s : group.status()) {
            allHealthy &= s.healthy();
            out.printf(ROW,
                    s.name(),
                    s.state().name().toLowerCase(Locale.ROOT),
                    s.pid().map(String::valueOf).orElse("-"),
                    s.since().map(SINCE::format).orElse("-"),
                    s.residentBytes() > 0 ? (s.residentBytes() >> 20) + " MB" : "-",
                    s.healthy() ? "ok" : "down",
                    s.endpoint());
        }
        out.flush();
        return allHealthy ? 0 : 3;
    }

    static void printLogs(ProcessGroup group, String name, int lines, PrintWriter out) {
        if (name != null && !group.componentNames().contains(name)) {
            throw new CliException("no component named '" + name + "'; there are " + group.componentNames());
        }
        for (String component : name == null ? group.componentNames() : List.of(name)) {
            Path log = group.logOf(component);
            out.println("==> " + log + " <==");
            if (!Files.exists(log)) {
                out.println("(no log yet)");
                continue;
            }
            try {
                LogTail.lastLines(log, lines).forEach(out::println);
            } catch (IOException e) {
                out.println("(cannot read: " + e.getMessage() + ")");
            }
        }
        out.flush();
    }
}
