package ml.pipeline.core.training;

/** Why a training run (or a search trial) ended, as its final checkpoint records it. */
public enum StopReason {
    /** Every epoch of the spec was trained. */
    COMPLETED("completed"),
    /** The validation metric stopped improving for {@code earlyStopping.patience} checkpoints. */
    EARLY_STOPPED("early_stopped"),
    /** A search's successive halving judged the trial among the weakest at a rung and stopped it there. */
    HALVED("halved");

    private final String name;

    StopReason(String name) {
        this.name = name;
    }

    /** The name events and the registry use. */
    public String eventName() {
        return name;
    }
}
