package ml.pipeline.modeling;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The GPU when the PyTorch engine sees one (the CUDA natives are bundled by the cuda profile), else the CPU. */
public final class Devices {
    private Devices() {
    }

    public static Device best() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}
