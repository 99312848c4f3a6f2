package ml.pipeline.e2e.bench;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ml.pipeline.core.features.SplitFiles.Examples;
import ml.pipeline.core.spec.ModelSpec;

/**
 * The trainer's {@code ml.pipeline.trainer.domain.ModelTraining} and DJL's engine, reached by
 * reflection: this package is compiled with the e2e module's tests ({@code mvn verify}), whose class
 * path has neither the trainer's classes nor DJL (e2e depends on the trainer only for build order).
 * {@code e2e/bench/training.sh} puts both on the class path of the measured JVM. Only the calls the
 * service itself makes are used: {@code new ModelTraining(spec, Device.cpu())} and
 * {@code train(train, validation, Optional.empty(), sink)}; the sink reads each checkpoint's
 * {@code state().metrics()} and drops the rest (the benchmark times training, not storage).
 */
final class TrainingTrainer {
    private static final String MODEL_TRAINING = "ml.pipeline.trainer.domain.ModelTraining";

    /** The engine DJL loaded, and the threads it runs with. */
    record EngineInfo(String name, String version, double loadSeconds) {
    }

    private final Constructor<?> constructor;
    private final Method trainMethod;
    private final Class<?> sinkType;
    private final Object cpu;

    TrainingTrainer() {
        try {
            Class<?> device = Class.forName("ai.djl.Device");
            cpu = device.getMethod("cpu").invoke(null);
            Class<?> training = Class.forName(MODEL_TRAINING);
            constructor = training.getConstructor(ModelSpec.class, device);
            trainMethod = Arrays.stream(training.getMethods())
                    .filter(m -> m.getName().equals("train") && m.getParameterCount() == 4)
                    .filter(m -> m.getParameterTypes()[0] == Examples.class && m.getParameterTypes()[1] == Examples.class
                            && m.getParameterTypes()[2] == Optional.class && m.getParameterTypes()[3].isInterface())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(MODEL_TRAINING + " has no train(Examples, Examples, "
                            + "Optional, CheckpointSink) any more: adapt TrainingTrainer to its new API"));
            sinkType = trainMethod.getParameterTypes()[3];
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e.getMessage() + " is not on the class path: run e2e/bench/training.sh, which "
                    + "puts the trainer's classes and DJL there", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the trainer's API changed (" + e + "): adapt TrainingTrainer", e);
        }
    }

    /** Loads the PyTorch engine (natives, threads from the system properties); timed, to be left out of the figures. */
    static EngineInfo loadEngine() {
        long started = System.nanoTime();
        try {
            Object engine = Class.forName("ai.djl.engine.Engine").getMethod("getEngine", String.class).invoke(null, "PyTorch");
            double seconds = (System.nanoTime() - started) / 1e9;
            return new EngineInfo((String) engine.getClass().getMethod("getEngineName").invoke(engine),
                    (String) engine.getClass().getMethod("getVersion").invoke(engine), seconds);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("DJL's PyTorch engine does not load: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL is not on the class path: " + e, e);
        }
    }

    /** {intra-op, inter-op} threads of the loaded engine, or {-1, -1} when they cannot be read. */
    static int[] engineThreads() {
        try {
            Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
            return new int[] {(Integer) jni.getMethod("getNumThreads").invoke(null),
                (Integer) jni.getMethod("getNumInteropThreads").invoke(null)};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new int[] {-1, -1};
        }
    }

    /** Trains from scratch as the trainer does; each checkpoint's metrics go to {@code onCheckpoint}; returns the steps done. */
    long train(ModelSpec spec, Examples train, Examples validation, Consumer<Map<String, Double>> onCheckpoint)
            throws IOException {
        Object sink = Proxy.newProxyInstance(sinkType.getClassLoader(), new Class<?>[] {sinkType}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "TrainingTrainer sink";
                };
            }
            Object state = accessor(args[0], "state");
            onCheckpoint.accept(metrics(accessor(state, "metrics")));
            return null;
        });
        try {
            Object training = constructor.newInstance(spec, cpu);
            Object state = trainMethod.invoke(training, train, validation, Optional.empty(), sink);
            return ((Number) accessor(state, "step")).longValue();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the trainer's API changed (" + e + "): adapt TrainingTrainer", e);
        }
    }

    private static Object accessor(Object target, String name) throws ReflectiveOperationException {
        return target.getClass().getMethod(name).invoke(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> metrics(Object value) {
        return value instanceof Map<?, ?> map ? Map.copyOf((Map<String, Double>) map) : Map.of();
    }
}
