package ml.pipeline.services.spec;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.core.spec.PipelineSpec;
import ml.pipeline.core.spec.PipelineSpecParser;
import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.events.SpecRef;
import ml.pipeline.services.storage.ObjectStore;

/**
 * The spec snapshot a run uses, as its events name it. Snapshots never change (their key is their
 * hash), so each is read from the store once.
 */
@ApplicationScoped
public class SpecSnapshots {
    private final ObjectStore store;
    private final PipelineSpecParser parser = new PipelineSpecParser();
    private final Map<String, PipelineSpec> byHash = new ConcurrentHashMap<>();

    public SpecSnapshots(ObjectStore store) {
        this.store = store;
    }

    public PipelineSpec load(SpecRef ref) {
        return byHash.computeIfAbsent(ref.getHash(), hash -> {
            byte[] bytes = store.readRequired(S3Uri.parse(ref.getUri()));
            return parser.parse(new String(bytes, StandardCharsets.UTF_8));
        });
    }
}
