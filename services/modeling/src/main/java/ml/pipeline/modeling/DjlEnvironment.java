package ml.pipeline.modeling;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;

/**
 * DJL must never reach for the network (the natives ship in a jar) and keeps its caches in the
 * service's own folder. Set before the engine first loads; settings already given win.
 */
@ApplicationScoped
public class DjlEnvironment {
    private final DjlSettings settings;

    public DjlEnvironment(DjlSettings settings) {
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        String cache = Path.of(settings.cacheDir()).toAbsolutePath().toString();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("DJL_CACHE_DIR", cache);
        setIfAbsent("ENGINE_CACHE_DIR", cache);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
