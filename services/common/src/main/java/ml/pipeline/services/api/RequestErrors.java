package ml.pipeline.services.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request body that is not the JSON an endpoint takes: 400, saying what is wrong and where. */
public class RequestErrors {
    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return badBody("the body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? "" : " at '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "'";
        return badBody("the JSON body does not have the expected shape" + field + ": " + e.getOriginalMessage());
    }

    /** Quarkus' JSON reader wraps what Jackson threw: unwrap it; any other refusal keeps its own answer. */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return notJson(parse);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch);
        }
        return e.getResponse();
    }

    private static Response badBody(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(ApiError.of(message)).build();
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
