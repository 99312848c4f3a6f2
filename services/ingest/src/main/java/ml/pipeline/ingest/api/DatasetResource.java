package ml.pipeline.ingest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import ml.pipeline.core.storage.ObjectStore;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.ingest.domain.DatasetPublisher;
import ml.pipeline.ingest.domain.PublishRequest;
import ml.pipeline.ingest.domain.PublishResult;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Datasets in: an upload (multipart) or an {@code s3://} address (JSON). Either starts a run. */
@Path("/api/v1/datasets")
public class DatasetResource {
    private final DatasetPublisher publisher;
    private final ObjectStore store;

    public DatasetResource(DatasetPublisher publisher, ObjectStore store) {
        this.publisher = publisher;
        this.store = store;
    }

    /** {@code curl -F file=@data.csv -F pipeline=churn [-F name=churn] [-F source=cli] .../api/v1/datasets} */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm String pipeline, @RestForm String name,
            @RestForm String source) {
        if (file == null) {
            throw new IllegalArgumentException("file: a multipart field 'file' with the CSV is required");
        }
        PublishRequest request = new PublishRequest(pipeline, name, file.uploadedFile(), source == null ? "upload" : source);
        return Response.accepted(publisher.publish(request)).build();
    }

    /** A dataset already in the object store: {@code {"pipeline": "churn", "uri": "s3://bucket/key"}}. */
    public record FromStore(String pipeline, String uri, String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response fromStore(FromStore body) {
        if (body == null || body.uri() == null) {
            throw new IllegalArgumentException("uri: a JSON body {\"pipeline\": ..., \"uri\": \"s3://bucket/key\"} is required");
        }
        S3Uri uri = S3Uri.parse(body.uri());
        java.nio.file.Path local = copyToTemporaryFile(uri);
        try {
            PublishResult result = publisher.publish(new PublishRequest(body.pipeline(), body.name(), local, "s3"));
            return Response.accepted(result).build();
        } finally {
            deleteQuietly(local);
        }
    }

    /** Hashing and storing read the bytes twice; a local copy keeps the store from serving them twice. */
    private java.nio.file.Path copyToTemporaryFile(S3Uri uri) {
        try (InputStream in = store.open(uri)) {
            java.nio.file.Path local = Files.createTempFile("dataset-", ".csv");
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the OS cleans its temp folder
        }
    }
}
