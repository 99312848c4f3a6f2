package ml.pipeline.testing;

import java.nio.file.Path;
import java.util.List;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.TestStackChoice;

/**
 * The test stack, once per test JVM, of the kind {@link TestStackChoice} picks
 * ({@code PIPELINE_TEST_STACK}; unset: containers when a Docker engine answers). Embedded: reused
 * when already running (as {@code ./pipeline test} starts it before the build), else started here
 * and stopped when the JVM exits. Containers: started here ({@link ContainerTestStack}) and
 * stopped when the JVM exits.
 */
public final class SharedTestStack {
    private static StackConfig config;

    private SharedTestStack() {
    }

    public static synchronized StackConfig ensureRunning() {
        if (config != null) {
            return config;
        }
        Path checkout = StackRuntime.findCheckout();
        StackConfig settings = StackConfig.load(checkout, StackConfig.Profile.TEST);
        TestStackChoice.Decision choice = TestStackChoice.fromEnvironment();
        choice.notice().ifPresent(System.out::println);
        if (choice.kind() == TestStackChoice.Kind.CONTAINERS) {
            config = ContainerTestStack.start(settings, System.out);
            return config;
        }
        LocalStack stack = new LocalStack(settings, StackRuntime.ofCurrentJvm(checkout), System.out);
        List<String> started = stack.up();
        if (!started.isEmpty()) {
            // Only what this JVM started: a component someone else runs stays up.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.processes().stop(started), "test-stack-down"));
        }
        config = stack.config();
        return config;
    }
}
