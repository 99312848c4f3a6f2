package ml.pipeline.stack;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which stack the tests run against: the embedded one (processes from jars, {@link LocalStack}) or
 * containers (Testcontainers, in the {@code testing} module). {@code PIPELINE_TEST_STACK} forces
 * one; unset, containers when a Docker engine answers and embedded otherwise. The one rule, used
 * by the test JVMs and, through the CLI, by {@code ./pipeline test}, so the two never disagree.
 */
public final class TestStackChoice {
    public static final String VARIABLE = "PIPELINE_TEST_STACK";

    public enum Kind {
        EMBEDDED, CONTAINERS;

        /** As the variable spells it. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the engine probe learnt: where it asked, and why it got no usable answer (empty: it answered). */
    public record EngineAnswer(String endpoint, Optional<String> problem) {
        public static EngineAnswer answered(String endpoint) {
            return new EngineAnswer(endpoint, Optional.empty());
        }

        public static EngineAnswer silent(String endpoint, String problem) {
            return new EngineAnswer(endpoint, Optional.of(problem));
        }

        public boolean isAnswered() {
            return problem.isEmpty();
        }
    }

    /** The stack chosen, and the one line that says why when the choice was automatic. */
    public record Decision(Kind kind, Optional<String> notice) {
    }

    private TestStackChoice() {
    }

    /** From {@code PIPELINE_TEST_STACK} and the Docker engine this machine points at. */
    public static Decision fromEnvironment() {
        return decide(System.getenv(VARIABLE), DockerEngineProbe::local);
    }

    /**
     * The rule. {@code variable} is the variable's value (null when unset); {@code engine} is asked
     * only when the answer matters. Throws {@link StackException} for a value it does not know and
     * for containers forced where no engine answers.
     */
    public static Decision decide(String variable, Supplier<EngineAnswer> engine) {
        String value = variable == null ? "" : variable.trim();
        if (value.isEmpty()) {
            EngineAnswer answer = engine.get();
            if (answer.isAnswered()) {
                return new Decision(Kind.CONTAINERS, Optional.of("test stack: containers (a Docker engine answered at "
                        + answer.endpoint() + "); set " + VARIABLE + "=embedded to use the embedded stack"));
            }
            return new Decision(Kind.EMBEDDED, Optional.of("test stack: embedded (no Docker engine answered at "
                    + answer.endpoint() + ": " + answer.problem().orElseThrow() + "); set " + VARIABLE
                    + "=containers to require containers"));
        }
        if (value.equals(Kind.EMBEDDED.value())) {
            return new Decision(Kind.EMBEDDED, Optional.empty());
        }
        if (value.equals(Kind.CONTAINERS.value())) {
            EngineAnswer answer = engine.get();
            if (!answer.isAnswered()) {
                throw new StackException(VARIABLE + "=containers, but no Docker engine answered at " + answer.endpoint()
                        + ": " + answer.problem().orElseThrow() + ". Start Docker (or point DOCKER_HOST at a running"
                        + " engine), or set " + VARIABLE + "=embedded (or unset it) to use the embedded stack.");
            }
            return new Decision(Kind.CONTAINERS, Optional.empty());
        }
        throw new StackException(VARIABLE + " must be 'embedded' or 'containers' (unset: containers when a Docker"
                + " engine answers, embedded otherwise), got '" + variable + "'");
    }
}
