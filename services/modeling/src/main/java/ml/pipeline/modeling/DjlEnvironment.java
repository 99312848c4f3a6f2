package ml.pipeline.modeling;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.util.List;
import ml.pipeline.core.spec.ModelSpec;
import ml.pipeline.core.spec.ModelType;
import org.jboss.logging.Logger;

/**
 * DJL must never reach for the network (the natives ship in a jar) and keeps its caches in the
 * service's own folder. Set before the engine first loads; settings already given win. Then,
 * unless {@code pipeline.djl.warm-up} is false, the engine is loaded and a tiny network trained
 * and scored for a few steps before the service reports ready, so that the first run does not pay
 * for loading the natives and compiling the training path (seconds) that warm runs do not.
 */
@ApplicationScoped
public class DjlEnvironment {
    private static final Logger LOG = Logger.getLogger(DjlEnvironment.class);
    private final DjlSettings settings;

    public DjlEnvironment(DjlSettings settings) {
        this.settings = settings;
    }

    /**
     * Before the messaging channels start (they start at LIBRARY_BEFORE): the warm-up trains, and
     * DJL lets one gradient collector exist at a time, so a FeaturesReady already waiting must not
     * start training beside it.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        String cache = Path.of(settings.cacheDir()).toAbsolutePath().toString();
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("DJL_CACHE_DIR", cache);
        setIfAbsent("ENGINE_CACHE_DIR", cache);
        if (settings.warmUp()) {
            long started = System.nanoTime();
            warmUp();
            LOG.infof("DJL %s with %s %s loaded and warmed up on %s in %d ms", Engine.getDjlVersion(),
                    Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), Devices.best(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** A few optimizer steps and a forward pass of a small MLP: the paths training and scoring take. */
    static void warmUp() {
        ModelSpec spec = new ModelSpec("warm-up", ModelType.MLP, List.of(8), 1, 4, 0.01, 1L, 1, 1, null);
        try (Model model = Model.newInstance("warm-up", Devices.best())) {
            model.setBlock(ModelBlocks.of(spec));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().build());
            try (Trainer trainer = model.newTrainer(config);
                 NDManager memory = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(4, 3));
                NDArray x = memory.randomUniform(0, 1, new Shape(4, 3));
                NDArray y = memory.create(new float[] {0, 1, 0, 1}, new Shape(4, 1));
                for (int step = 0; step < 3; step++) {
                    try (GradientCollector gradients = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                        gradients.backward(loss);
                    }
                    trainer.step();
                }
                trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
