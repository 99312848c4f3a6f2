package ml.pipeline.core.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A source's record of its polls: how many, when the last one was and how it ended (the runs it
 * started, or why it failed), and the last error, kept after later polls succeed so that a
 * refused object stays visible. Times are ISO-8601 text, as the API shows them. Whether the source is paused and what it has seen are kept
 * apart (ingest's storage), so that a poll writing this never undoes a pause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceStatus(long polls, String lastPollAt, SourceOutcome lastOutcome, String lastMessage,
        List<String> lastRuns, long runsStarted, String lastPublishedAt, String lastError, String lastErrorAt) {
    public SourceStatus {
        lastRuns = lastRuns == null ? List.of() : List.copyOf(lastRuns);
    }

    public static SourceStatus never() {
        return new SourceStatus(0, null, null, null, List.of(), 0, null, null, null);
    }

    /**
     * The status after a poll at {@code at} with these results: an error when any item failed or
     * was refused (the runs it started still named), published when a run started, else unchanged.
     */
    public SourceStatus after(Instant at, List<PollResult> results) {
        List<String> started = results.stream().filter(r -> r.kind() == PollResult.Kind.STARTED).map(PollResult::runId).toList();
        List<PollResult> errors = results.stream()
                .filter(r -> r.kind() == PollResult.Kind.FAILED || r.kind() == PollResult.Kind.REFUSED).toList();
        SourceOutcome outcome = !errors.isEmpty() ? SourceOutcome.ERROR
                : started.isEmpty() ? SourceOutcome.UNCHANGED : SourceOutcome.PUBLISHED;
        String error = errors.isEmpty() ? lastError : errors.stream()
                .map(r -> (r.kind() == PollResult.Kind.REFUSED ? "refused " : "failed ") + r.item() + ": " + r.message())
                .collect(Collectors.joining("; "));
        String when = at.toString();
        return new SourceStatus(polls + 1, when, outcome, summary(results), started, runsStarted + started.size(),
                started.isEmpty() ? lastPublishedAt : when, error, errors.isEmpty() ? lastErrorAt : when);
    }

    /** "1 run started, 2 seen before" and the like; "nothing new" for an empty poll. */
    static String summary(List<PollResult> results) {
        List<String> parts = new ArrayList<>();
        for (PollResult.Kind kind : PollResult.Kind.values()) {
            long n = results.stream().filter(r -> r.kind() == kind).count();
            if (n > 0) {
                parts.add(n + " " + switch (kind) {
                    case STARTED -> n == 1 ? "run started" : "runs started";
                    case CLAIMED -> "known to the registry (no run started)";
                    case SEEN -> "seen before";
                    case REFUSED -> "refused";
                    case FAILED -> "failed";
                });
            }
        }
        return parts.isEmpty() ? "nothing new" : String.join(", ", parts);
    }
}
