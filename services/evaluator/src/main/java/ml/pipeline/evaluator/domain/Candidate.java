package ml.pipeline.evaluator.domain;

import ml.pipeline.core.storage.S3Uri;
import ml.pipeline.events.CheckpointWritten;
import ml.pipeline.events.DatasetRef;
import ml.pipeline.events.EvaluationRequested;
import ml.pipeline.events.FeaturesRef;
import ml.pipeline.events.SpecRef;

/**
 * A candidate to evaluate: its run's inputs, the model and training run, the folder holding its
 * parameters (the run's best checkpoint, or its artifact when evaluated again), which evaluation
 * of it this is, and the search trial it won (0 without a search; unknown, 0, when evaluated
 * again: its artifact records its model spec); {@code trained}: the final checkpoint, null when
 * evaluated again.
 */
public record Candidate(DatasetRef dataset, SpecRef spec, FeaturesRef features, String model, String trainingRunId,
        S3Uri parameters, int attempt, int trial, CheckpointWritten trained) {

    /**
     * A final checkpoint: the candidate's first evaluation, of the best checkpoint it names (of
     * the final one itself when it names none: a trainer older than early stopping).
     */
    public static Candidate of(CheckpointWritten checkpoint) {
        String parameters = checkpoint.getBest() == null ? checkpoint.getUri() : checkpoint.getBest().getUri();
        return new Candidate(checkpoint.getDataset(), checkpoint.getSpec(), checkpoint.getFeatures(), checkpoint.getModelName(),
                checkpoint.getTrainingRunId(), S3Uri.parse(parameters), 1, checkpoint.getTrial(), checkpoint);
    }

    /** The registry asked again: the candidate's artifact, written at its first evaluation, holds its parameters. */
    public static Candidate of(EvaluationRequested request) {
        return new Candidate(request.getDataset(), request.getSpec(), request.getFeatures(), request.getCandidate().getName(),
                request.getCandidate().getTrainingRunId(), S3Uri.parse(request.getCandidate().getUri()), request.getAttempt(), 0,
                null);
    }
}
