package ml.pipeline.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One pipeline's spec: the dataset contract and the checks on the data (schema changes, drift,
 * leakage, freshness), feature transforms, model (and optionally a hyperparameter search over it),
 * evaluation gate, promotion policy, and who is told what happens ({@code notify:}, the component
 * {@code notifications}: a record cannot have a component named notify, Object's notify() is
 * final), and where new data comes from by itself ({@code source:}, none when left out: datasets
 * are published); {@code experiment} names the experiment its training runs are tracked under (the
 * pipeline's name by default). A run uses a content-addressed snapshot of it, so editing it never
 * changes a run in flight. Parse and check one with {@link PipelineSpecParser}.
 */
public record PipelineSpec(String pipeline, String experiment, DatasetContract dataset, SchemaSpec schema, DriftSpec drift,
        LeakageSpec leakage, QualitySpec quality, FeatureSpec features, ModelSpec model, SearchSpec search, GateSpec evaluation,
        PromotionPolicy promotion, LimitsSpec limits, @JsonProperty("notify") NotifySpec notifications, SourceSpec source) {
    public PipelineSpec {
        schema = schema == null ? SchemaSpec.defaults() : schema;
        leakage = leakage == null ? LeakageSpec.defaults() : leakage;
        quality = quality == null ? QualitySpec.defaults() : quality;
        limits = limits == null ? LimitsSpec.defaults() : limits;
        drift = drift == null ? DriftSpec.defaults() : drift;
        features = features == null ? FeatureSpec.defaults() : features;
        evaluation = evaluation == null ? GateSpec.defaults() : evaluation;
        promotion = promotion == null ? PromotionPolicy.defaults() : promotion;
        notifications = notifications == null ? NotifySpec.none() : notifications;
    }

    /** Whether ingest polls a source of this pipeline's own. */
    public boolean hasSource() {
        return source != null;
    }

    /** The experiment the training runs are recorded under: the spec's, else the pipeline's name. */
    public String experimentName() {
        return experiment != null ? experiment : pipeline;
    }

    /** The registered model's name: the spec's, else the pipeline's. */
    public String modelName() {
        return model != null && model.name() != null ? model.name() : pipeline;
    }
}
