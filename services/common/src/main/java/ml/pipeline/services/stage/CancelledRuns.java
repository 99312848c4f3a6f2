package ml.pipeline.services.stage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ml.pipeline.events.RunCancelled;
import ml.pipeline.events.Topic;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The runs someone cancelled, learnt from runs.cancelled (every instance reads the whole topic,
 * so a restart knows them again): a stage does no work for them, and a training in progress
 * stops at its next step. Holds one id per cancelled run.
 */
@ApplicationScoped
public class CancelledRuns {
    private final Set<String> runIds = ConcurrentHashMap.newKeySet();

    @Incoming(Topic.Names.RUNS_CANCELLED)
    public void onCancelled(RunCancelled event) {
        runIds.add(event.getMeta().getRunId());
    }

    public boolean isCancelled(String runId) {
        return runIds.contains(runId);
    }
}
