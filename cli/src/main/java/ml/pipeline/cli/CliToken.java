package ml.pipeline.cli;

import java.util.Optional;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.auth.Tokens;

/**
 * The bearer token the CLI sends: {@code PIPELINE_TOKEN} when set, else the one stored in the
 * stack's data folder ({@code stack up} stores an admin token there; {@code ./pipeline token --save}
 * replaces it). Empty when neither exists: the services then answer 401 and say how to get one.
 */
final class CliToken {
    static final String ENVIRONMENT = "PIPELINE_TOKEN";

    private CliToken() {
    }

    static Optional<String> of(StackConfig stack) {
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.trim());
        }
        return Tokens.stored(stack.auth());
    }

    /** The header's value, {@code Bearer <token>}, when there is a token. */
    static Optional<String> header(StackConfig stack) {
        return of(stack).map(token -> "Bearer " + token);
    }
}
