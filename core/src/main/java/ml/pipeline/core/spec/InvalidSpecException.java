package ml.pipeline.core.spec;

import java.util.List;

/** A pipeline spec that cannot be used; lists every problem found, each naming its place in the YAML. */
public final class InvalidSpecException extends RuntimeException {
    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super("invalid pipeline spec: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
