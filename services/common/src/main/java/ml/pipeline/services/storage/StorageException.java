package ml.pipeline.services.storage;

/** The S3 store failed (unreachable, refused, broken transfer): a transient fault, worth a retry. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    protected StorageException(String message) {
        super(message);
    }
}
