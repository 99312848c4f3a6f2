package ml.pipeline.stack.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
    @TempDir
    Path folder;

    @Test
    void theKeyIsMadeOnceAndItsPrivateHalfIsTheOwnersOnly() throws Exception {
        assertTrue(SigningKey.ensure(folder));
        String first = Files.readString(folder.resolve(SigningKey.PUBLIC_FILE));
        assertFalse(SigningKey.ensure(folder), "a second stack up keeps the key: tokens issued stay valid");
        assertEquals(first, Files.readString(folder.resolve(SigningKey.PUBLIC_FILE)));
        assertTrue(first.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(folder.resolve(SigningKey.PRIVATE_FILE)));
    }

    @Test
    void aTokenNamesItsSubjectRolesIssuerAndEndAndVerifiesWithThePublicHalf() throws Exception {
        SigningKey.ensure(folder);
        String token = Tokens.issue(SigningKey.load(folder), "alice", List.of("approver"), Duration.ofHours(1));
        JwtClaims claims = verifier(folder).processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals(List.of("approver"), claims.getStringListClaimValue("groups"));
        assertEquals(Tokens.ISSUER, claims.getIssuer());
        Instant end = Tokens.expiry(token).orElseThrow();
        assertTrue(end.isAfter(Instant.now().plus(Duration.ofMinutes(59))) && end.isBefore(Instant.now().plus(Duration.ofMinutes(61))));

        String expired = Tokens.issue(SigningKey.load(folder), "alice", List.of("approver"), Duration.ofMinutes(-5));
        assertThrows(InvalidJwtException.class, () -> verifier(folder).processToClaims(expired));
        Path other = Files.createDirectory(folder.resolve("other"));
        SigningKey.ensure(other);
        String foreign = Tokens.issue(SigningKey.load(other), "alice", List.of("approver"), Duration.ofHours(1));
        assertThrows(InvalidJwtException.class, () -> verifier(folder).processToClaims(foreign));
    }

    @Test
    void theStoredTokenIsKeptWhileItLastsAndRenewedNearItsEnd() throws Exception {
        SigningKey.ensure(folder);
        assertTrue(Tokens.ensureStored(folder, "bob"));
        String stored = Tokens.stored(folder).orElseThrow();
        assertFalse(Tokens.ensureStored(folder, "bob"));
        assertEquals(stored, Tokens.stored(folder).orElseThrow());

        Tokens.store(folder, Tokens.issue(SigningKey.load(folder), "bob", List.of("admin"), Duration.ofHours(2)));
        assertTrue(Tokens.ensureStored(folder, "bob"), "ends within a day: renewed");
        Tokens.store(folder, "garbage");
        assertTrue(Tokens.ensureStored(folder, "bob"), "unreadable: renewed");
        assertTrue(Tokens.expiry(Tokens.stored(folder).orElseThrow()).orElseThrow().isAfter(Instant.now().plus(Duration.ofDays(29))));
    }

    @Test
    void noKeyIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningKey.load(folder.resolve("none")));
        assertTrue(e.getMessage().contains("./pipeline stack up creates it"), e.getMessage());
    }

    private static JwtConsumer verifier(Path folder) throws Exception {
        String pem = Files.readString(folder.resolve(SigningKey.PUBLIC_FILE)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer(Tokens.ISSUER).setVerificationKey(key).build();
    }
}
