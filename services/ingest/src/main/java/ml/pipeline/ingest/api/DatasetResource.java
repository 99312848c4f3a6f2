package ml.pipeline.ingest.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ml.pipeline.core.access.Role;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.ingest.domain.PublishRequest;
import ml.pipeline.ingest.domain.PublishResult;
import ml.pipeline.ingest.service.PublishService;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Datasets in: an upload (multipart) or an {@code s3://} address (JSON). Either starts a run; publishers only. */
@Path("/api/v1/datasets")
@RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
public class DatasetResource {
    private final PublishService publisher;

    public DatasetResource(PublishService publisher) {
        this.publisher = publisher;
    }

    /**
     * {@code curl -F file=@data.csv -F pipeline=churn [-F name=churn] [-F source=cli] [-F force=true] .../api/v1/datasets}.
     * 202 with the run started; 200 when these bytes and spec ran or run already (the answer says which).
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm String pipeline, @RestForm String name,
            @RestForm String source, @RestForm String force) {
        if (file == null) {
            throw new IllegalArgumentException("file: a multipart field 'file' with the CSV is required");
        }
        PublishRequest request = new PublishRequest(pipeline, name, file.uploadedFile(),
                source == null ? PublishRequest.UPLOAD : source, Boolean.parseBoolean(force));
        return answer(publisher.publish(request));
    }

    /**
     * A dataset already in the object store: {@code {"pipeline": "churn", "uri": "s3://bucket/key", "force": false}};
     * optionally {@code "spec": "<sha256>"}, a stored spec snapshot to run with instead of the
     * current spec, and {@code "reproduces": "<trainingRunId>"} to train that run again
     * (./pipeline reproduce does both).
     */
    public record FromStore(String pipeline, String uri, String name, Boolean force, String spec, String reproduces) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response fromStore(FromStore body) {
        if (body == null || body.uri() == null) {
            throw new IllegalArgumentException("uri: a JSON body {\"pipeline\": ..., \"uri\": \"s3://bucket/key\"} is required");
        }
        return answer(publisher.publishFromStore(body.pipeline(), body.name(), S3Uri.parse(body.uri()),
                Boolean.TRUE.equals(body.force()), body.spec(), body.reproduces()));
    }

    private static Response answer(PublishResult result) {
        return (result.started() ? Response.accepted() : Response.ok()).entity(result).build();
    }
}
