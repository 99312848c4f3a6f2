package ml.pipeline.modeling;

import io.smallrye.config.ConfigMapping;

/** Where DJL keeps its caches; defaults in META-INF/microprofile-config.properties of this module. */
@ConfigMapping(prefix = "pipeline.djl")
public interface DjlSettings {
    /** Relative to the service's working folder (services/<name>/ under the stack's home). */
    String cacheDir();
}
