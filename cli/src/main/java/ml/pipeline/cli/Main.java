package ml.pipeline.cli;

import ml.pipeline.stack.StackException;
import picocli.CommandLine;

/** Entry point of the Java side of {@code ./pipeline}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PipelineCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StackException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + " failed: " + e.getMessage());
                cmd.getErr().flush();
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
