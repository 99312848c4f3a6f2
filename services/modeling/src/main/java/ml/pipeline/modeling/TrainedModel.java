package ml.pipeline.modeling;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import ml.pipeline.core.spec.ModelSpec;

/** A trained network loaded from its saved parameters, predicting the probability of class 1. */
public final class TrainedModel implements AutoCloseable {
    private final Model model;
    private final Block block;
    private final int width;

    private TrainedModel(Model model, Block block, int width) {
        this.model = model;
        this.block = block;
        this.width = width;
    }

    /** The network the spec describes, for {@code width} features, with the saved parameters. */
    public static TrainedModel load(ModelSpec spec, int width, byte[] parameters, Device device) throws IOException {
        Block block = ModelBlocks.of(spec);
        Model model = Model.newInstance("trained", device);
        model.setBlock(block);
        try {
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, width));
            block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("the saved parameters do not fit a " + spec.type().yamlName() + " with " + width
                    + " inputs: " + e.getMessage(), e);
        }
        return new TrainedModel(model, block, width);
    }

    public float[] probabilities(float[][] rows) {
        if (rows.length == 0) {
            return new float[0];
        }
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        try (NDManager memory = model.getNDManager().newSubManager()) {
            NDArray x = memory.create(flat, new Shape(rows.length, width));
            NDArray logits = block.forward(new ParameterStore(memory, false), new NDList(x), false).singletonOrThrow();
            return Activation.sigmoid(logits).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
