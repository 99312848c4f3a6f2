package ml.pipeline.cli;

import java.io.PrintStream;
import java.util.Map;
import java.nio.file.Path;
import ml.pipeline.stack.LocalServices;
import ml.pipeline.stack.LocalStack;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/** The local stack and services of the checkout the command runs in. */
final class Checkout {
    private Checkout() {
    }

    static LocalStack stack(boolean testStack, PrintStream out) {
        Path checkout = StackRuntime.findCheckout();
        StackConfig.Profile profile = testStack ? StackConfig.Profile.TEST : StackConfig.Profile.DEV;
        return new LocalStack(StackConfig.load(checkout, profile), StackRuntime.ofCurrentJvm(checkout), out);
    }

    static LocalServices services(boolean testStack, PrintStream out) {
        return services(testStack, out, Map.of());
    }

    /** With the replica counts of {@code services up --replicas}. */
    static LocalServices services(boolean testStack, PrintStream out, Map<String, Integer> replicas) {
        LocalStack stack = stack(testStack, out);
        return new LocalServices(stack, StackRuntime.ofCurrentJvm(StackRuntime.findCheckout()), out, replicas);
    }
}
