package ml.pipeline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource(PipelineStackResource.class)}: hands the service under test the
 * test stack's connection settings. The stack outlives each test class; see {@link SharedTestStack}.
 */
public final class PipelineStackResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return SharedTestStack.ensureRunning().connectionSettings();
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM: SharedTestStack stops it at exit if it started it.
    }
}
