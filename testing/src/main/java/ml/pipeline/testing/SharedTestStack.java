package ml.pipeline.testing;

import java.nio.file.Path;
import java.util.List;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/**
 * The test stack, once per test JVM: reused when already running (as {@code ./pipeline test}
 * starts it before the build), else started here and stopped when the JVM exits.
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
        LocalStack stack = new LocalStack(StackConfig.load(checkout, StackConfig.Profile.TEST),
                StackRuntime.ofCurrentJvm(checkout), System.out);
        List<String> started = stack.up();
        if (!started.isEmpty()) {
            // Only what this JVM started: a component someone else runs stays up.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.processes().stop(started), "test-stack-down"));
        }
        config = stack.config();
        return config;
    }
}
