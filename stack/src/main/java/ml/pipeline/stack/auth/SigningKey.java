package ml.pipeline.stack.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair tokens are signed with: the private half in {@code signing-key.pem} (PKCS#8,
 * readable by its owner only), the public half in {@code verify-key.pem} (X.509), which the
 * services read as {@code mp.jwt.verify.publickey.location}. Created once per data folder.
 */
public final class SigningKey {
    public static final String PRIVATE_FILE = "signing-key.pem";
    public static final String PUBLIC_FILE = "verify-key.pem";
    private static final int BITS = 2048;

    private SigningKey() {
    }

    /** Creates the pair in {@code folder} unless it is there; true when it was created. */
    public static boolean ensure(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(PRIVATE_FILE)) && Files.isRegularFile(folder.resolve(PUBLIC_FILE))) {
            return false;
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
        Files.createDirectories(folder);
        // The public half last: a folder with both files holds a matching pair.
        write(folder.resolve(PRIVATE_FILE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        write(folder.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        return true;
    }

    /** The private half, to sign with; a clear error when the stack never created it. */
    public static PrivateKey load(Path folder) {
        Path file = folder.resolve(PRIVATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no signing key at " + file + ": ./pipeline stack up creates it");
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key at " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply.
            }
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
