package ml.pipeline.services.api;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import ml.pipeline.core.access.Role;

/**
 * Who asks, from their verified token: the subject (what the history records as {@code by}, never
 * a field of the request) and their roles.
 */
public record Caller(String subject, Set<Role> roles) {
    /** The caller of a request that passed an {@code @RolesAllowed} check. */
    public static Caller of(SecurityIdentity identity) {
        return new Caller(identity.getPrincipal().getName(), identity.getRoles().stream().map(Role::byName)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet()));
    }

    /** A 403 naming the roles needed unless the caller has one of {@code allowed}. */
    public void require(List<Role> allowed, String what) {
        if (allowed.stream().noneMatch(roles::contains)) {
            throw new ForbiddenException(what + " needs the role " + Role.describe(allowed) + "; the token of " + subject
                    + " has " + (roles.isEmpty() ? "no role" : "the role " + Role.describe(List.copyOf(roles))));
        }
    }
}
