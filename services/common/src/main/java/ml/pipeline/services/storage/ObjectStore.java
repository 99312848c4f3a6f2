package ml.pipeline.services.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ml.pipeline.core.source.ListedObject;
import ml.pipeline.core.storage.S3Uri;

/**
 * The S3 store, through the MinIO client. A single put becomes visible only when complete, so a
 * crash never leaves a half-written object behind; outputs made of several objects add a marker.
 */
public final class ObjectStore {
    private static final long PART_SIZE = 16L * 1024 * 1024;
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MinioClient client;
    private final String endpoint;

    public ObjectStore(String endpoint, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
    }

    public boolean exists(S3Uri uri) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                return false;
            }
            throw failure("look up", uri, e);
        } catch (Exception e) {
            throw failure("look up", uri, e);
        }
    }

    public long size(S3Uri uri) {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build()).size();
        } catch (Exception e) {
            throw failure("look up", uri, e);
        }
    }

    public void put(S3Uri uri, Path file, String contentType) {
        try {
            client.uploadObject(UploadObjectArgs.builder().bucket(uri.bucket()).object(uri.key())
                    .filename(file.toString(), PART_SIZE).contentType(contentType).build());
        } catch (Exception e) {
            throw failure("store", uri, e);
        }
    }

    public void put(S3Uri uri, byte[] bytes, String contentType) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            client.putObject(PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key())
                    .stream(in, bytes.length, -1).contentType(contentType).build());
        } catch (Exception e) {
            throw failure("store", uri, e);
        }
    }

    /**
     * Stores a content-addressed object unless it is already there. Returns true if it stored it
     * now. Two writers racing write the same bytes to the same key, so the race is harmless.
     */
    public boolean putIfAbsent(S3Uri uri, Path file, String contentType) {
        if (exists(uri)) {
            return false;
        }
        put(uri, file, contentType);
        return true;
    }

    public boolean putIfAbsent(S3Uri uri, byte[] bytes, String contentType) {
        if (exists(uri)) {
            return false;
        }
        put(uri, bytes, contentType);
        return true;
    }

    /** Opens the object for streaming; the caller closes the stream. */
    public InputStream open(S3Uri uri) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
        } catch (ErrorResponseException e) {
            if (isMissing(e)) {
                throw new ObjectNotFoundException(uri);
            }
            throw failure("read", uri, e);
        } catch (Exception e) {
            throw failure("read", uri, e);
        }
    }

    /** Stores a value as JSON (Jackson's defaults, indented when {@code pretty}). */
    public void putJson(S3Uri uri, Object value, boolean pretty) {
        byte[] bytes;
        try {
            bytes = (pretty ? PRETTY_JSON : JSON).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON for " + uri, e);
        }
        put(uri, bytes, JSON_TYPE);
    }

    /** Reads a JSON object; a missing object is {@link ObjectNotFoundException}, unreadable JSON an UncheckedIOException. */
    public <T> T readJson(S3Uri uri, Class<T> type) {
        try {
            return JSON.readValue(readRequired(uri), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The object's bytes; a missing object is {@link ObjectNotFoundException} (which retrying does not cure). */
    public byte[] readRequired(S3Uri uri) {
        return read(uri).orElseThrow(() -> new ObjectNotFoundException(uri));
    }

    public Optional<byte[]> read(S3Uri uri) {
        try (InputStream in = open(uri)) {
            return Optional.of(in.readAllBytes());
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", uri, e);
        }
    }

    /** The addresses of every object under a folder address, in key order. */
    public List<S3Uri> list(S3Uri folder) {
        List<S3Uri> found = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(folder.bucket())
                    .prefix(folder.key()).recursive(true).build())) {
                found.add(new S3Uri(folder.bucket(), item.get().objectName()));
            }
        } catch (Exception e) {
            throw failure("list", folder, e);
        }
        found.sort(Comparator.comparing(S3Uri::key));
        return found;
    }

    /**
     * Every object under a folder address with its ETag and size, in key order: what a source
     * polling a prefix compares with what it read before. Keys are the bucket's own (the prefix included).
     */
    public List<ListedObject> listObjects(S3Uri folder) {
        List<ListedObject> found = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(folder.bucket())
                    .prefix(folder.key()).recursive(true).build())) {
                Item item = result.get();
                String etag = item.etag() == null ? "" : item.etag().replace("\"", "");
                found.add(new ListedObject(item.objectName(), etag, item.size()));
            }
        } catch (Exception e) {
            throw failure("list", folder, e);
        }
        found.sort(Comparator.comparing(ListedObject::key));
        return found;
    }

    public void delete(S3Uri uri) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
        } catch (Exception e) {
            throw failure("delete", uri, e);
        }
    }

    public boolean bucketExists(String bucket) {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw new StorageException("cannot reach the S3 store at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code);
    }

    private StorageException failure(String what, S3Uri uri, Exception e) {
        return new StorageException("cannot " + what + " " + uri + " on " + endpoint + ": " + e.getMessage(), e);
    }
}
