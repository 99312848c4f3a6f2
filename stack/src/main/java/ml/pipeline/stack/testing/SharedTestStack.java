package ml.pipeline.stack.testing;

import java.nio.file.Path;
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
        if (stack.up()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::down, "test-stack-down"));
        }
        config = stack.config();
        return config;
    }
}
