package ml.pipeline.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The components' programs as the build left them: Maven resolves and unpacks them under
 * {@code stack/target/runtime}, and the broker's classpath under {@code stack/kafka-broker/target}.
 */
public record StackRuntime(Path checkout, Path javaExecutable) {

    /** The checkout this JVM belongs to: {@code -Dpipeline.root}, else the working directory. */
    public static Path findCheckout() {
        String root = System.getProperty("pipeline.root");
        return Path.of(root != null ? root : "").toAbsolutePath().normalize();
    }

    /** Children run on the JDK that runs the launcher: the script already checked it is 21+. */
    public static StackRuntime ofCurrentJvm(Path checkout) {
        return new StackRuntime(checkout, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    public Path runtimeDir() {
        return checkout.resolve("stack/target/runtime");
    }

    public Path apicurioRunner() {
        return requireBuilt(runtimeDir().resolve("apicurio/quarkus-run.jar"));
    }

    public Path s3ProxyJar() {
        return requireBuilt(runtimeDir().resolve("s3proxy/s3proxy.jar"));
    }

    public Path postgresArchive() {
        return requireBuilt(runtimeDir().resolve("postgres/postgres-linux-x86_64.txz"));
    }

    /** Where the PostgreSQL binaries are unpacked (once) from {@link #postgresArchive()}. */
    public Path postgresInstall() {
        return runtimeDir().resolve("postgres/install");
    }

    /** A service's packaged Quarkus app. */
    public Path serviceRunner(String service) {
        return requireBuilt(checkout.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    public String kafkaClasspath() {
        Path file = requireBuilt(checkout.resolve("stack/kafka-broker/target/kafka-classpath.txt"));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(arguments);
        return command;
    }

    private static Path requireBuilt(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build the project first (./pipeline builds it)");
        }
        return path;
    }
}
