package ml.pipeline.registry.domain;

import java.util.List;
import ml.pipeline.registry.storage.RunEntity;
import ml.pipeline.registry.storage.RunEventEntity;

/** One run as the API shows it: its row, its timeline in event order, and its lineage. */
public record RunDetails(RunEntity run, List<RunEventEntity> timeline, Lineage lineage) {
}
