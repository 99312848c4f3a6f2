package ml.pipeline.ingest.api;

import io.smallrye.mutiny.TimeoutException;
import jakarta.ws.rs.core.Response;
import ml.pipeline.core.dataset.CsvFormatException;
import ml.pipeline.core.spec.InvalidSpecException;
import ml.pipeline.ingest.domain.DatasetTooLargeException;
import ml.pipeline.ingest.domain.NoSourceException;
import ml.pipeline.ingest.domain.RegistryUnavailableException;
import ml.pipeline.ingest.domain.UnknownPipelineException;
import ml.pipeline.services.api.ApiError;
import ml.pipeline.services.storage.ObjectNotFoundException;
import ml.pipeline.services.storage.StorageException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input gets a clear answer naming what was wrong; nothing is stored or emitted for it. */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return Response.status(422).entity(new ApiError("invalid pipeline spec", e.problems())).build();
    }

    @ServerExceptionMapper
    public Response unknownPipeline(UnknownPipelineException e) {
        return Response.status(Response.Status.NOT_FOUND).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response noSource(NoSourceException e) {
        return Response.status(Response.Status.NOT_FOUND).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(DatasetTooLargeException e) {
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notCsv(CsvFormatException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(ApiError.of("the dataset is not CSV with a header row: " + e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response missingObject(ObjectNotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response brokerSilent(TimeoutException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(ApiError.of("Kafka did not acknowledge the event in time; the dataset is stored, publish it again"))
                .build();
    }

    @ServerExceptionMapper
    public Response registryDown(RegistryUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response storageDown(StorageException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(ApiError.of("the object store failed, nothing was published: " + e.getMessage())).build();
    }
}
