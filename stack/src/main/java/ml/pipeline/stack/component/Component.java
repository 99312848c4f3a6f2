package ml.pipeline.stack.component;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.pipeline.stack.StackRuntime;

/** One process of the local stack: how to prepare its data, start it, and tell it is healthy. */
public interface Component {

    /** Short name used in messages, pid and log file names, e.g. {@code kafka}. */
    String name();

    /** Where clients reach it, for people to read. */
    String endpoint();

    /** Every port it listens on; all must be free before it starts. */
    List<Integer> ports();

    /** False for something the stack uses but does not run (an external PostgreSQL). */
    default boolean isManaged() {
        return true;
    }

    /** Writes configuration and initialises data on first use; harmless when repeated. */
    void prepare(StackRuntime runtime, Path log) throws IOException, InterruptedException;

    List<String> command(StackRuntime runtime);

    Path workingDirectory();

    default Map<String, String> environment() {
        return Map.of();
    }

    /** One quick probe: does it serve requests now? */
    boolean isHealthy();

    /** What the last failed probe learnt (e.g. a refused login), for error messages. */
    default Optional<String> lastProblem() {
        return Optional.empty();
    }

    /**
     * Text that the command line of this component's process, and of no other, contains: how a
     * pid file recognises its process. Its own folder, by default.
     */
    default String processSignature() {
        return workingDirectory().toString();
    }

    /** The signal that makes it shut down cleanly. */
    default String stopSignal() {
        return "TERM";
    }
}
