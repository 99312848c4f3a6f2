package ml.pipeline.testing;

import ml.pipeline.stack.StackConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For plain JUnit tests: {@code @ExtendWith(PipelineStackExtension.class)} and a {@link StackConfig}
 * parameter give the test the running test stack.
 */
public final class PipelineStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == StackConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return SharedTestStack.ensureRunning();
    }
}
