package ml.pipeline.stack.component;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/** A PostgreSQL the user runs (stack.postgres.url): checked for health, never started or stopped. */
public final class ExternalPostgres implements Component {
    private final StackConfig config;

    public ExternalPostgres(StackConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String endpoint() {
        return config.postgres().jdbcUrl() + " (external)";
    }

    @Override
    public List<Integer> ports() {
        return List.of();
    }

    @Override
    public boolean isManaged() {
        return false;
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) {
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        throw new IllegalStateException("an external PostgreSQL is not started by the stack");
    }

    @Override
    public Path workingDirectory() {
        return config.home();
    }

    private volatile Optional<String> lastProblem = Optional.empty();

    @Override
    public boolean isHealthy() {
        lastProblem = PostgresProbe.problem(config.postgres().jdbcUrl(), config.postgres().user(), config.postgres().password());
        return lastProblem.isEmpty();
    }

    @Override
    public Optional<String> lastProblem() {
        return lastProblem;
    }
}
