package ml.pipeline.cli;

import picocli.CommandLine;

/** Entry point of the Java side of {@code ./pipeline}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Failures print as one message; PIPELINE_DEBUG=1 adds the stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PipelineCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + " failed: " + e.getMessage());
            if (System.getenv("PIPELINE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }
}
