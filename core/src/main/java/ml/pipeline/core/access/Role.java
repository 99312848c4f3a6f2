package ml.pipeline.core.access;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ml.pipeline.core.spec.ModelStage;

/**
 * The roles a token carries (its {@code groups} claim). A publisher registers specs, publishes
 * datasets and cancels or retries runs; an approver decides what serves traffic (canary and
 * production, aliases, rollback); an admin may do everything.
 */
public enum Role {
    PUBLISHER,
    APPROVER,
    ADMIN;

    /** The role names as constants, for annotations such as {@code @RolesAllowed}. */
    public static final class Names {
        public static final String PUBLISHER = "publisher";
        public static final String APPROVER = "approver";
        public static final String ADMIN = "admin";

        private Names() {
        }
    }

    /** Publishing work: specs, datasets, cancel and retry. */
    public static final List<Role> PUBLISHING = List.of(PUBLISHER, ADMIN);
    /** Deciding what serves traffic: production, canary, aliases, rollback. */
    public static final List<Role> APPROVING = List.of(APPROVER, ADMIN);
    /** Moves that serve no traffic (staging, archiving a version that served none). */
    public static final List<Role> ANY = List.of(PUBLISHER, APPROVER, ADMIN);

    @JsonValue
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName().equals(name)).findFirst();
    }

    /**
     * Who may move a version from {@code from} to {@code to} by hand: into or out of a stage that
     * serves traffic only those who approve; between the others anyone with a role.
     */
    public static List<Role> mayMove(ModelStage from, ModelStage to) {
        return from.servesTraffic() || to.servesTraffic() ? APPROVING : ANY;
    }

    /** "approver or admin", for messages. */
    public static String describe(List<Role> roles) {
        return String.join(" or ", roles.stream().map(Role::roleName).toList());
    }

    @Override
    public String toString() {
        return roleName();
    }
}
