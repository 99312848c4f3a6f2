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
import ml.pipeline.services.api.ApiDocs;
import ml.pipeline.services.api.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Datasets in: an upload (multipart) or an {@code s3://} address (JSON). Either starts a run; publishers only. */
@Path("/api/v1/datasets")
@Tag(name = "Datasets", description = "Publishing a dataset, which starts a run")
@RolesAllowed({Role.Names.PUBLISHER, Role.Names.ADMIN})
public class DatasetResource {
    private final PublishService publisher;

    public DatasetResource(PublishService publisher) {
        this.publisher = publisher;
    }

    /**
     * {@code curl -F file=@data.csv -F pipeline=churn [-F name=churn] [-F source=cli] [-F force=true] .../api/v1/datasets}.
     * 202 with the run started; 200 when these bytes and spec ran or run already (the answer says which).
     * Documents {@link #fromStore} too: OpenAPI has one operation per path and method.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a dataset", description = "An upload (multipart/form-data) or an s3:// address of an object "
            + "already stored (application/json). Checks the bytes are CSV with a header row or readable Parquet (as the "
            + "spec's dataset.format asks), stores them under their sha256 and asks the registry whether these bytes and "
            + "the spec start a run. Needs the role publisher or admin.")
    @RequestBody(description = "multipart/form-data: file and pipeline, optionally name, source and force; "
            + "application/json: pipeline and uri, optionally name, force, spec (a stored spec snapshot's sha256 to run with) "
            + "and reproduces (a training run to train again)", required = true, content = {
                @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT,
                        requiredProperties = {"file", "pipeline"}, properties = {
                            @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary",
                                    description = "The dataset: CSV with a header row, or Parquet"),
                            @SchemaProperty(name = "pipeline", type = SchemaType.STRING,
                                    description = "The pipeline the dataset feeds (its spec must be stored)"),
                            @SchemaProperty(name = "name", type = SchemaType.STRING,
                                    description = "The name the dataset is stored under; the pipeline's by default"),
                            @SchemaProperty(name = "source", type = SchemaType.STRING,
                                    enumeration = {"upload", "cli", "s3", "schedule"},
                                    description = "How it arrived; upload by default"),
                            @SchemaProperty(name = "force", type = SchemaType.STRING,
                                    description = "true: run even if these bytes and spec ran already; else false")})),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FromStore.class))})
    @APIResponse(responseCode = "202", description = "A run started: outcome 'started', with runId and eventId",
            content = @Content(schema = @Schema(implementation = PublishResult.class)))
    @APIResponse(responseCode = "200", description = "These bytes and spec ran or run already: outcome 'running' or "
            + "'done'; nothing emitted",
            content = @Content(schema = @Schema(implementation = PublishResult.class)))
    @APIResponse(responseCode = "400", description = "No file or no uri, a body that is not that JSON, a bad address, pipeline, "
            + "name, source, spec or reproduces, an unknown spec snapshot, or bytes that are not CSV with a header row "
            + "(or not the spec's format)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.NO_TOKEN,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The token has neither the role publisher nor admin",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "The pipeline has no spec (PUT it first), or no object is at the uri",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "Larger than the spec's limits.maxDatasetBytes; nothing stored",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The object store failed, Kafka did not acknowledge the event, or the "
            + "registry did not answer (unless forced); publish again",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
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
    @Operation(hidden = true) // documented with upload
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
