package ml.pipeline.ingest.domain;

import java.util.List;
import ml.pipeline.core.source.SourceStatus;

/**
 * A pipeline's source as the API shows it: its kind, where it reads ({@code s3://...} or the JDBC
 * URL, which holds no credentials), its schedule, whether it is paused, its polls' status, and
 * how many content hashes it has seen (the first {@code seen} of them, in hash order).
 */
public record SourceView(String pipeline, String kind, String location, String schedule, boolean paused,
        SourceStatus status, int seenCount, List<String> seen) {
}
