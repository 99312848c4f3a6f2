package ml.pipeline.modeling;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model was trained on, for the run's record: the device and GPU, DJL and the engine's
 * versions, the engine's thread counts, the JVM and the OS. Read from the loaded engine, so the
 * record says what ran, not what was configured. Loads the engine (PyTorch, the only one shipped).
 */
public final class RuntimeEnvironment {
    private RuntimeEnvironment() {
    }

    public static Map<String, String> of(Device device) {
        Engine engine = Engine.getInstance();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("device", device.toString());
        environment.put("gpu", device.isGpu() ? gpuName(device) : "none");
        environment.put("djl", Engine.getDjlVersion());
        environment.put("engine", engine.getEngineName() + " " + engine.getVersion());
        environment.put("threads", String.valueOf(JniUtils.getNumThreads()));
        environment.put("interopThreads", String.valueOf(JniUtils.getNumInteropThreads()));
        environment.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        environment.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return environment;
    }

    /** DJL names no GPU model; CUDA's version, the compute capability and the memory tell one apart. */
    private static String gpuName(Device device) {
        try {
            long bytes = CudaUtils.getGpuMemory(device).getMax();
            return "CUDA " + CudaUtils.getCudaVersionString() + ", compute capability "
                    + CudaUtils.getComputeCapability(device.getDeviceId()) + ", " + (bytes >> 20) + " MiB";
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
