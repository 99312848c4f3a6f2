package ml.pipeline.cli;

import java.io.PrintStream;
import ml.pipeline.stack.StackConfig;
import picocli.CommandLine.Option;

/** The {@code --test} option of the commands that talk to a running stack: yours, or the test stack. */
final class StackChoice {
    @Option(names = "--test", description = "Use the test stack (.pipeline/test-stack, ports +1000) instead of yours.")
    boolean testStack;

    /** Where the chosen stack's components and services listen. */
    StackConfig config() {
        return Checkout.stack(testStack, new PrintStream(System.err, true)).config();
    }
}
