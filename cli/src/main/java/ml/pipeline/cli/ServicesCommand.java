package ml.pipeline.cli;

import java.io.PrintStream;
import java.util.Map;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.ServiceReplicas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "services",
        mixinStandardHelpOptions = true,
        description = "The six pipeline services (ingest, validate, features, trainer, evaluator, registry), each its own process.")
final class ServicesCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--test", scope = ScopeType.INHERIT,
            description = "Act on the services of the test stack (ports +1000).")
    boolean testStack;

    @Command(name = "up", description = "Start the services that are not running (the stack must be up) and wait until healthy.")
    int up(@Option(names = "--replicas", paramLabel = "NAME=N,...",
            description = "Run N instances of the services named (e.g. trainer=2,evaluator=2; 1 to 9): replica k of a service "
                    + "is NAME-k on the service's port + 100 (k - 1), in the service's consumer group.") String replicas) {
        Map<String, Integer> counts = ServiceReplicas.parse(replicas, LocalServices.NAMES);
        Checkout.services(testStack, new PrintStream(System.out, true), counts).up();
        return 0;
    }

    @Command(name = "down", description = "Stop every service and replica, by pid.")
    int down() {
        services().down();
        return 0;
    }

    @Command(name = "status", description = "What runs, where, since when, and its resident memory. Exit 3 if not all healthy.")
    int status() {
        return ProcessGroupReport.printStatus(services().processes(), spec.commandLine().getOut());
    }

    @Command(name = "logs", description = "The last lines of each service's log, with the log's path.")
    int logs(@Parameters(arity = "0..1", paramLabel = "NAME", description = "A service or replica name (e.g. trainer-2).") String name,
             @Option(names = "--lines", defaultValue = "40", description = "Lines per log (default ${DEFAULT-VALUE}).") int lines) {
        ProcessGroupReport.printLogs(services().processes(), name, lines, spec.commandLine().getOut());
        return 0;
    }

    private LocalServices services() {
        return Checkout.services(testStack, new PrintStream(System.out, true));
    }
}
