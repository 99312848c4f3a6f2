package ml.pipeline.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The checkout, its overlays, and each overlay rendered once per test run. */
final class Overlays {
    /** Surefire runs in the module's folder, k8s/. */
    static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static List<String> names() {
        try (Stream<Path> dirs = Files.list(CHECKOUT.resolve("k8s/overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> {
            try {
                return Manifests.render(CHECKOUT, CHECKOUT.resolve("k8s/overlays").resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
