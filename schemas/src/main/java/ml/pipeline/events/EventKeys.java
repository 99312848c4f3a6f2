package ml.pipeline.events;

/**
 * Kafka record keys. Every event is keyed by its pipeline's name, so the events of one pipeline
 * land in one partition and stay in order.
 */
public final class EventKeys {
    private EventKeys() {
    }

    public static String of(EventMeta meta) {
        return forPipeline(meta.getPipeline());
    }

    public static String forPipeline(String pipelineName) {
        if (pipelineName == null || pipelineName.isBlank()) {
            throw new IllegalArgumentException("an event key needs a pipeline name, got '" + pipelineName + "'");
        }
        return pipelineName;
    }
}
