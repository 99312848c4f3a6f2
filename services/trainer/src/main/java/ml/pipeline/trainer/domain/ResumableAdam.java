package ml.pipeline.trainer.domain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam whose state (first and second moments and step count per parameter) can be saved in a
 * checkpoint and restored: DJL's own Adam keeps it private, so a resumed run would restart the
 * moments from zero and not continue the same optimisation. The update itself is the engine's
 * fused one, as DJL's Adam calls it (bias correction folded into the step size).
 */
public final class ResumableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final NDManager manager;
    /** Keyed by the parameters' names in the block (their ids are new random UUIDs in every process). */
    private final Map<String, Moments> moments = new TreeMap<>();
    private final Map<String, String> namesById = new HashMap<>();

    private static final class Moments {
        NDArray first;
        NDArray second;
        int steps;
    }

    public ResumableAdam(float learningRate, NDManager manager) {
        super(new Builder());
        this.learningRate = learningRate;
        this.manager = manager;
    }

    private static final class Builder extends Optimizer.OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }

    /** Learns the stable name of each parameter of the (initialised) block it optimises. */
    public void nameParameters(Block block) {
        block.getParameters().forEach(pair -> namesById.put(pair.getValue().getId(), pair.getKey()));
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = namesById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("parameter " + parameterId + " is unknown: call nameParameters(block) first");
        }
        Moments state = moments.computeIfAbsent(name, id -> {
            Moments fresh = new Moments();
            fresh.first = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            fresh.second = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            return fresh;
        });
        state.steps++;
        double correction1 = 1 - Math.pow(BETA1, state.steps);
        double correction2 = 1 - Math.pow(BETA2, state.steps);
        float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        // The engine's fused Adam (one native call: moments, weight, and the gradient zeroed), on
        // moments this class owns, so that they can be saved and restored.
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, state.first, state.second), new NDList(weight),
                learningRate, stepSize, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
    }

    /** The moments and step counts, for a checkpoint. */
    public byte[] save() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(moments.size());
            for (Map.Entry<String, Moments> entry : moments.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().steps);
                writeArray(out, entry.getValue().first);
                writeArray(out, entry.getValue().second);
            }
        }
        return bytes.toByteArray();
    }

    public void restore(byte[] saved) throws IOException {
        moments.clear();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Moments state = new Moments();
                String id = in.readUTF();
                state.steps = in.readInt();
                state.first = readArray(in);
                state.second = readArray(in);
                moments.put(id, state);
            }
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        long[] shape = array.getShape().getShape();
        out.writeInt(shape.length);
        for (long dimension : shape) {
            out.writeLong(dimension);
        }
        float[] values = array.toFloatArray();
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private NDArray readArray(DataInputStream in) throws IOException {
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return manager.create(values, new Shape(shape));
    }
}
