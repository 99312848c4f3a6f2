-- Where a failed run's stage gave up: the input event's topic, partition and offset (StageFailed),
-- so that a retry re-sends exactly that event. The latest failure of each run.
CREATE TABLE run_failures (
    run_id           VARCHAR(64)  PRIMARY KEY,
    stage            VARCHAR(16)  NOT NULL,
    cause_topic      VARCHAR(64)  NOT NULL,
    cause_partition  INTEGER      NOT NULL,
    cause_offset     BIGINT       NOT NULL,
    failed_at        TIMESTAMPTZ  NOT NULL
);
