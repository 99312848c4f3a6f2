package ml.pipeline.stack.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ml.pipeline.stack.StackConfig;
import ml.pipeline.stack.StackRuntime;

/** S3Proxy on the local filesystem: the S3 API the MinIO client talks to, with credentials enforced. */
public final class S3ProxyProcess implements Component {
    private final StackConfig config;
    private final Path dir;

    public S3ProxyProcess(StackConfig config) {
        this.config = config;
        this.dir = config.home().resolve("s3");
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String endpoint() {
        return config.s3().endpoint();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.s3().port());
    }

    @Override
    public Path workingDirectory() {
        return dir;
    }

    @Override
    public void prepare(StackRuntime runtime, Path log) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(settings(), String.join("\n",
                "# Written by the stack launcher on every start; edit stack.properties instead.",
                "s3proxy.endpoint=" + config.s3().endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + config.s3().accessKey(),
                "s3proxy.credential=" + config.s3().secretKey(),
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
    }

    @Override
    public List<String> command(StackRuntime runtime) {
        return runtime.java(List.of("-Xmx" + config.s3().heap(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", runtime.s3ProxyJar().toString(), "--properties", settings().toString()));
    }

    @Override
    public boolean isHealthy() {
        // Any HTTP answer (403 without credentials) means it serves; buckets are checked with credentials later.
        return HttpProbe.status(config.s3().endpoint() + "/").isPresent();
    }

    private Path settings() {
        return dir.resolve("s3proxy.properties");
    }
}
