package ml.pipeline.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import ml.pipeline.core.access.Role;
import ml.pipeline.stack.auth.SigningKey;
import ml.pipeline.stack.auth.Tokens;

/** Bearer tokens for tests, signed with the test stack's key as {@code ./pipeline token} signs them. */
public final class TestTokens {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    /** A token for {@code subject} with {@code roles}, valid for an hour. */
    public static String of(String subject, Role... roles) {
        return issue(subject, LIFETIME, roles);
    }

    public static String publisher() {
        return of("test-publisher", Role.PUBLISHER);
    }

    public static String approver() {
        return of("test-approver", Role.APPROVER);
    }

    public static String admin() {
        return of("test-admin", Role.ADMIN);
    }

    /** Signed by the right key, with the right role, but past its end. */
    public static String expired(Role role) {
        return issue("test-expired", Duration.ofMinutes(-5), role);
    }

    private static String issue(String subject, Duration lifetime, Role... roles) {
        List<String> names = Arrays.stream(roles).map(Role::roleName).toList();
        return Tokens.issue(SigningKey.load(SharedTestStack.ensureRunning().auth()), subject, names, lifetime);
    }
}
