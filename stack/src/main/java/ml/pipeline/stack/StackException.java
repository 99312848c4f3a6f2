package ml.pipeline.stack;

/** The stack could not do what was asked; the message says which component and where its log is. */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
