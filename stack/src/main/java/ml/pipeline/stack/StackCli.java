package ml.pipeline.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code pipeline stack up|down|status|logs|env}: the entry point the {@code pipeline} script calls. */
public final class StackCli {
    static final String USAGE = """
            Usage: pipeline stack <command> [--test]

            Commands:
              up            start Kafka, the schema registry, the S3 store and PostgreSQL; wait until
                            healthy; create topics, buckets and the database; register every schema
              down          stop every process the stack started (data is kept)
              status        what runs, where, since when, and its resident memory
              logs [NAME]   the last lines of each component's log (or of NAME), with the log's path
              env           the connection settings, as KEY=VALUE lines

            Options:
              --test        act on the test stack (.pipeline/test-stack, ports +1000) instead of yours
              --lines N     with logs: how many lines (default 40)

            Settings: stack/src/main/resources/ml/pipeline/stack/stack-defaults.properties, overridden by
            <home>/stack.properties, PIPELINE_HOME, PIPELINE_PORT_OFFSET, PIPELINE_POSTGRES_URL.
            """;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private StackCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        StackConfig.Profile profile = StackConfig.Profile.DEV;
        int lines = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--test" -> profile = StackConfig.Profile.TEST;
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        Path checkout = StackRuntime.findCheckout();
        StackLauncher launcher = new StackLauncher(StackConfig.load(checkout, profile),
                StackRuntime.ofCurrentJvm(checkout), out);
        try {
            switch (positional.get(0)) {
                case "up" -> launcher.up();
                case "down" -> launcher.down();
                case "status" -> {
                    return printStatus(launcher, out);
                }
                case "logs" -> printLogs(launcher, positional.size() > 1 ? positional.get(1) : null, lines, out);
                case "env" -> printEnv(launcher.config(), out);
                default -> {
                    err.println("unknown stack command '" + positional.get(0) + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (StackException e) {
            err.println("stack " + positional.get(0) + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** Exit code 0 when everything runs and is healthy, 3 otherwise (like an init script's status). */
    private static int printStatus(StackLauncher launcher, PrintStream out) {
        out.println("Local stack in " + launcher.config().home());
        out.printf("  %-9s %-9s %-8s %-20s %-8s %-8s %s%n", "NAME", "STATE", "PID", "SINCE", "RSS", "HEALTH", "ENDPOINT");
        boolean allHealthy = true;
        for (ComponentStatus s : launcher.status()) {
            allHealthy &= s.healthy();
            out.printf("  %-9s %-9s %-8s %-20s %-8s %-8s %s%n",
                    s.name(),
                    s.state().name().toLowerCase(),
                    s.pid().map(String::valueOf).orElse("-"),
                    s.since().map(SINCE::format).orElse("-"),
                    s.residentBytes() > 0 ? (s.residentBytes() >> 20) + " MB" : "-",
                    s.healthy() ? "ok" : "down",
                    s.endpoint());
        }
        return allHealthy ? 0 : 3;
    }

    private static void printLogs(StackLauncher launcher, String name, int lines, PrintStream out) {
        List<String> names = name == null ? launcher.componentNames() : List.of(name);
        if (name != null && !launcher.componentNames().contains(name)) {
            throw new StackException("no component named '" + name + "'; components: " + launcher.componentNames());
        }
        for (String component : names) {
            Path log = launcher.logOf(component);
            out.println("==> " + log + " <==");
            if (!Files.exists(log)) {
                out.println("(no log yet)");
                continue;
            }
            try {
                List<String> all = Files.readAllLines(log);
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            } catch (IOException e) {
                out.println("(cannot read: " + e.getMessage() + ")");
            }
        }
    }

    private static void printEnv(StackConfig config, PrintStream out) {
        Map<String, String> settings = new TreeMap<>(config.serviceSettings());
        settings.put("pipeline.home", config.home().toString());
        settings.forEach((key, value) -> out.println(key + "=" + value));
    }
}
