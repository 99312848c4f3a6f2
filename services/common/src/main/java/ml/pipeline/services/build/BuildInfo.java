package ml.pipeline.services.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The code version of this build: the git commit it was built from, with {@code -dirty} when the
 * checkout had uncommitted changes; {@code unknown} when it was built outside a git checkout.
 * Baked in at build time (build.properties, written by the build), never read from the machine.
 */
public final class BuildInfo {
    public static final String UNKNOWN = "unknown";
    private static final String CODE_VERSION = read();

    private BuildInfo() {
    }

    public static String codeVersion() {
        return CODE_VERSION;
    }

    private static String read() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/ml/pipeline/services/build.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String commit = properties.getProperty("git.commit.id", "").trim();
            if (commit.isEmpty()) {
                return UNKNOWN;
            }
            return commit + (Boolean.parseBoolean(properties.getProperty("git.dirty")) ? "-dirty" : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's code version", e);
        }
    }
}
