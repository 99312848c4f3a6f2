package ml.pipeline.modeling;

import io.smallrye.config.ConfigMapping;

/** Where DJL keeps its caches; defaults in META-INF/microprofile-config.properties of this module. */
@ConfigMapping(prefix = "pipeline.djl")
public interface DjlSettings {
    /** Relative to the service's working folder (services/<name>/ under the stack's home). */
    String cacheDir();

    /** Load the engine and run a tiny training before the service reports ready (the first run then costs what the next do). */
    @io.smallrye.config.WithDefault("true")
    boolean warmUp();
}
