package ml.pipeline.registry.domain;

import ml.pipeline.events.EventMeta;

/** One event of a run as its timeline shows it: where it came from, a line for people, and what it says of the run. */
public record TimelineEntry(String topic, EventMeta meta, String summary, RunUpdate update) {
}
