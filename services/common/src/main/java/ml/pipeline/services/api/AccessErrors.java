package ml.pipeline.services.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import ml.pipeline.core.access.Role;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals of access, answered with a body that says what was wrong and which role is needed:
 * 401 for a missing, expired or foreign token, 403 for a token without the role.
 */
public class AccessErrors {
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, ResourceInfo resource) {
        return refusedToken(headers, resource);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, ResourceInfo resource) {
        return refusedToken(headers, resource);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        String message = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "this needs the role " + Role.describe(rolesNeeded(resource)) + "; the token sent has none of them";
        return Response.status(Response.Status.FORBIDDEN).entity(ApiError.of(message)).build();
    }

    private static Response refusedToken(HttpHeaders headers, ResourceInfo resource) {
        List<Role> needed = rolesNeeded(resource);
        String sent = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String why = sent == null || sent.isBlank() ? "none was sent"
                : "the one sent was refused (expired, malformed, or not signed by this stack's key)";
        String message = "this needs a bearer token with the role " + Role.describe(needed) + ": " + why
                + "; ./pipeline token --role " + needed.get(0) + " prints one";
        return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ApiError.of(message)).build();
    }

    /** The roles of the endpoint's {@code @RolesAllowed} (method, else class); any role when it names none. */
    private static List<Role> rolesNeeded(ResourceInfo resource) {
        RolesAllowed allowed = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return Role.ANY;
        }
        List<Role> roles = Arrays.stream(allowed.value()).map(Role::byName).flatMap(Optional::stream).toList();
        return roles.isEmpty() ? Role.ANY : roles;
    }
}
