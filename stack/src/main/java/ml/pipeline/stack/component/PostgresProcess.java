package ml.pipeline.stack.component;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;
import ml.pipeline.stack.process.Daemons;

/**
 * A real PostgreSQL server from binaries shipped in a Maven Central jar. PostgreSQL refuses to run
 * as root, so as root it runs in a user namespace ({@code unshare -U}), where it is not root.
 */
public final class PostgresProcess implements Component {
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    private final StackConfig config;
    private final Path dir;

    public PostgresProcess(StackConfig config) {
        this.config = config;
        this.dir = config.home().resolve("postgres");
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String endpoint() {
        return config.postgres().jdbcUrl();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.postgres().port());
    }

    @Override
    public Path workingDirectory() {
        return dir;
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) throws IOException, InterruptedException {
        Path install = PostgresBinaries.ensureInstalled(runtime.postgresArchive(), runtime.postgresInstall());
        Files.createDirectories(dir);
        if (Files.exists(dataDir().resolve("PG_VERSION"))) {
            return;
        }
        Path passwordFile = dir.resolve("initdb.pw");
        Files.writeString(passwordFile, config.postgres().password() + "\n");
        try {
            List<String> initdb = asNonRoot(List.of(install.resolve("bin/initdb").toString(),
                    "-D", dataDir().toString(), "-U", config.postgres().user(), "--pwfile=" + passwordFile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"));
            int exit = Daemons.run(initdb, dir, log, Duration.ofMinutes(2));
            if (exit != 0) {
                throw new IOException("initdb failed with exit code " + exit);
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        return asNonRoot(List.of(runtime.postgresInstall().resolve("bin/postgres").toString(),
                "-D", dataDir().toString(),
                "-h", StackConfig.LOOPBACK,
                "-p", String.valueOf(config.postgres().port()),
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200"));
    }

    @Override
    public boolean isHealthy() {
        return PostgresProbe.problem(adminJdbcUrl(), config.postgres().user(), config.postgres().password()).isEmpty();
    }

    /** SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect. */
    @Override
    public String stopSignal() {
        return "INT";
    }

    /** The maintenance database, which exists before the pipeline's own is created. */
    public String adminJdbcUrl() {
        return "jdbc:postgresql://" + StackConfig.LOOPBACK + ":" + config.postgres().port() + "/postgres";
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private static List<String> asNonRoot(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        if (!Files.isExecutable(UNSHARE)) {
            throw new IllegalStateException("PostgreSQL cannot run as root, and " + UNSHARE
                    + " (util-linux) is missing to run it in a user namespace: install util-linux or run as another user");
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(UNSHARE.toString());
        wrapped.add("-U");
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
