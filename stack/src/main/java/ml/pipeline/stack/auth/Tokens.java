package ml.pipeline.stack.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens for the services' APIs: RS256 JWTs signed with the stack's {@link SigningKey},
 * naming who ({@code sub}) and their roles ({@code groups}), as Quarkus' SmallRye JWT verifies
 * them. The CLI keeps one in the data folder ({@link #STORED_FILE}) and sends it by default.
 */
public final class Tokens {
    /** The {@code iss} every token carries and the services require. */
    public static final String ISSUER = "ml-pipeline";
    /** The CLI's token, in the auth folder. */
    public static final String STORED_FILE = "cli-token";
    /** How long the token {@code stack up} stores for the CLI lasts. */
    public static final Duration STORED_LIFETIME = Duration.ofDays(30);
    /** A stored token closer than this to its end is replaced by {@code stack up}. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private Tokens() {
    }

    /** A token for {@code subject} with {@code roles}, valid from now for {@code lifetime} (negative: expired already). */
    public static String issue(PrivateKey key, String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", roles);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(Math.min(now.getEpochSecond(), now.plus(lifetime).getEpochSecond() - 60)));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** The stored token, if there is one. */
    public static Optional<String> stored(Path authFolder) {
        Path file = authFolder.resolve(STORED_FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
                    .filter(t -> !t.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stored token " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stores {@code token} as the CLI's, readable by its owner only. */
    public static void store(Path authFolder, String token) throws IOException {
        Files.createDirectories(authFolder);
        Path file = authFolder.resolve(STORED_FILE);
        Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
    }

    /**
     * Makes sure the CLI has a token that lasts: when none is stored, or the stored one ends within
     * a day (or cannot be read), stores an admin token for {@code subject}. True when it stored one.
     */
    public static boolean ensureStored(Path authFolder, String subject) throws IOException {
        Optional<Instant> expires = stored(authFolder).flatMap(Tokens::expiry);
        if (expires.isPresent() && expires.get().isAfter(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        store(authFolder, issue(SigningKey.load(authFolder), subject, List.of("admin"), STORED_LIFETIME));
        return true;
    }

    /** When a token ends (its signature is not checked here: the services do that). */
    public static Optional<Instant> expiry(String token) {
        try {
            JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators()
                    .setDisableRequireSignature().build().processToClaims(token);
            return claims.getExpirationTime() == null ? Optional.empty()
                    : Optional.of(Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
