package ml.pipeline.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import ml.pipeline.core.spec.InvalidSpecException;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.ingest.storage.PipelineSpecStore;

/** Creating or changing a pipeline: its spec is checked whole before it becomes current. */
@ApplicationScoped
public class PipelineSpecService {
    private final PipelineSpecStore specs;
    private final SourceSchedules sources;
    private final PipelineSpecParser parser = new PipelineSpecParser();

    public PipelineSpecService(PipelineSpecStore specs, SourceSchedules sources) {
        this.specs = specs;
        this.sources = sources;
    }

    /** Checks the spec and makes it the pipeline's current one. Throws {@link InvalidSpecException}. */
    public PipelineSpec save(String pipeline, String yaml) {
        PipelineSpec spec = parser.parse(yaml);
        if (!pipeline.equals(spec.pipeline())) {
            throw new InvalidSpecException(List.of("pipeline: the spec names '" + spec.pipeline()
                    + "' but was sent to '" + pipeline + "'"));
        }
        SourceSchedules.check(spec);
        specs.putCurrent(pipeline, yaml);
        sources.changed(spec);
        return spec;
    }

    /** The spec as its author wrote it. */
    public Optional<String> current(String pipeline) {
        return specs.current(pipeline);
    }
}
