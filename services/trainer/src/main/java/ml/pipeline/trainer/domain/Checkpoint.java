package ml.pipeline.trainer.domain;

/** Everything a run needs to resume exactly: its state, the model parameters and the optimizer state. */
public record Checkpoint(TrainingState state, byte[] parameters, byte[] optimizer) {
}
