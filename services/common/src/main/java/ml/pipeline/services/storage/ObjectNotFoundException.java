package ml.pipeline.services.storage;

import ml.pipeline.core.storage.S3Uri;

/** No object at that address: not transient, retrying will not help. */
public final class ObjectNotFoundException extends StorageException {
    public ObjectNotFoundException(S3Uri uri) {
        super("no object at " + uri);
    }
}
