package ml.pipeline.modeling;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;

/** The network a model spec describes; it outputs one logit (the log-odds of class 1). */
public final class ModelBlocks {
    private ModelBlocks() {
    }

    public static Block of(ModelSpec spec) {
        SequentialBlock block = new SequentialBlock();
        if (spec.type() == ModelType.MLP) {
            for (int width : spec.hiddenLayers()) {
                block.add(Linear.builder().setUnits(width).build());
                block.add(Activation.reluBlock());
            }
        }
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }
}
