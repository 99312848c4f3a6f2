package ml.pipeline.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackException;
import ml.pipeline.stack.TestStackChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "The local stack: Apache Kafka (KRaft), Apicurio schema registry (Confluent-compatible API),",
            "an S3 store (S3Proxy) and PostgreSQL, each its own process, data and logs under one folder.",
            "Settings: stack-defaults.properties, overridden by <home>/stack.properties, PIPELINE_HOME,",
            "PIPELINE_PORT_OFFSET and PIPELINE_POSTGRES_URL / _USER / _PASSWORD."})
final class StackCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--test", scope = ScopeType.INHERIT,
            description = "Act on the test stack (.pipeline/test-stack, ports +1000) instead of yours.")
    boolean testStack;

    @Command(name = "up", description = {
        "Start what is not running and wait until all is healthy; create topics, buckets and the",
        "database and register every event schema (BACKWARD compatibility enforced). Repeatable."})
    int up(@Option(names = "--fresh", description = "Delete the stack's data first (refused while it runs).") boolean fresh) {
        LocalStack stack = stack();
        if (fresh) {
            stack.processes().wipeData();
        }
        stack.up();
        return 0;
    }

    @Command(name = "down", description = "Stop every process the stack started, by pid. Data is kept.")
    int down() {
        stack().down();
        return 0;
    }

    @Command(name = "status", description = "What runs, where, since when, and its resident memory. Exit 3 if not all healthy.")
    int status() {
        return ProcessGroupReport.printStatus(stack().processes(), spec.commandLine().getOut());
    }

    @Command(name = "logs", description = "The last lines of each component's log, with the log's path.")
    int logs(@Parameters(arity = "0..1", paramLabel = "NAME", description = "schema-registry, kafka, s3 or postgres") String name,
             @Option(names = "--lines", defaultValue = "40", description = "Lines per log (default ${DEFAULT-VALUE}).") int lines) {
        ProcessGroupReport.printLogs(stack().processes(), name, lines, spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "env", description = "The connection settings services use, as KEY=VALUE lines.")
    int env() {
        StackConfig config = stack().config();
        Map<String, String> settings = new TreeMap<>(config.connectionSettings());
        settings.putAll(config.serviceLinks());
        settings.putAll(config.serviceTokens());
        settings.put("pipeline.home", config.home().toString());
        settings.forEach((key, value) -> spec.commandLine().getOut().println(key + "=" + value));
        return 0;
    }

    /**
     * For {@code ./pipeline test}, which must not decide by itself: the stack the tests use, by the
     * one rule the test JVMs apply. Prints embedded or containers, and on stderr one line saying
     * which and why; exit 1 with the reason when the variable is wrong or containers cannot run.
     */
    @Command(name = "test-choice", hidden = true,
            description = "Print the test stack the tests use (embedded or containers), from PIPELINE_TEST_STACK and the Docker engine.")
    int testChoice() {
        try {
            TestStackChoice.Decision decision = TestStackChoice.fromEnvironment();
            spec.commandLine().getErr().println(decision.notice().orElse("test stack: " + decision.kind().value()
                    + " (" + TestStackChoice.VARIABLE + "=" + decision.kind().value() + ")"));
            spec.commandLine().getOut().println(decision.kind().value());
            return 0;
        } catch (StackException e) {
            spec.commandLine().getErr().println("pipeline: " + e.getMessage());
            return 1;
        }
    }

    private LocalStack stack() {
        return Checkout.stack(testStack, new PrintStream(System.out, true));
    }
}
