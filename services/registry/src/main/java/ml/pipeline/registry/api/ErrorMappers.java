package ml.pipeline.registry.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import ml.pipeline.services.api.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refusal is answered with a body that says what was wrong, as ingest's are. */
public class ErrorMappers {
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response conflict(ClientErrorException e) {
        return Response.status(e.getResponse().getStatus()).entity(ApiError.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(ApiError.of(e.getMessage())).build();
    }
}
