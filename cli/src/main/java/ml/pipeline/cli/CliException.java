package ml.pipeline.cli;

/**
 * A command could not do what was asked because of what it was given or found (a missing file,
 * a service not running, an unknown name): printed as one line saying what to do, no stack trace.
 */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
