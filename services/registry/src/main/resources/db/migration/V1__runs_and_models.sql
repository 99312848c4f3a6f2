-- One pipeline run: from a dataset's publish to its model's promotion, or the stage that ended it.
CREATE TABLE runs (
    run_id          VARCHAR(64)  PRIMARY KEY,
    pipeline        VARCHAR(64)  NOT NULL,
    dataset_name    VARCHAR(64),
    dataset_version VARCHAR(64),
    spec_hash       VARCHAR(64),
    status          VARCHAR(16)  NOT NULL,
    last_stage      VARCHAR(16)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX runs_by_pipeline ON runs (pipeline, started_at DESC);

-- The run's timeline: a projection of every event of the run.
CREATE TABLE run_events (
    event_id     VARCHAR(64)  PRIMARY KEY,
    run_id       VARCHAR(64)  NOT NULL,
    topic        VARCHAR(64)  NOT NULL,
    producer     VARCHAR(64)  NOT NULL,
    causation_id VARCHAR(64),
    occurred_at  TIMESTAMPTZ  NOT NULL,
    summary      TEXT         NOT NULL
);
CREATE INDEX run_events_by_run ON run_events (run_id, occurred_at);

-- Registered model versions: one per training run, so a redelivered ModelEvaluated registers nothing new.
CREATE TABLE model_versions (
    id                BIGSERIAL    PRIMARY KEY,
    model             VARCHAR(64)  NOT NULL,
    version           INTEGER      NOT NULL,
    pipeline          VARCHAR(64)  NOT NULL,
    run_id            VARCHAR(64)  NOT NULL,
    training_run_id   VARCHAR(64)  NOT NULL,
    dataset_name      VARCHAR(64)  NOT NULL,
    dataset_version   VARCHAR(64)  NOT NULL,
    dataset_uri       VARCHAR(512) NOT NULL,
    spec_uri          VARCHAR(512) NOT NULL,
    spec_hash         VARCHAR(64)  NOT NULL,
    transform_version VARCHAR(64)  NOT NULL,
    stage             VARCHAR(16)  NOT NULL,
    metrics           TEXT         NOT NULL,
    artifact_uri      VARCHAR(512) NOT NULL,
    transform_uri     VARCHAR(512) NOT NULL,
    report_uri        VARCHAR(512) NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    UNIQUE (model, version),
    UNIQUE (model, training_run_id)
);

-- Who moved which version to which stage, when and why; the ModelPromoted it emitted.
CREATE TABLE stage_changes (
    id          BIGSERIAL    PRIMARY KEY,
    model       VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    from_stage  VARCHAR(16)  NOT NULL,
    to_stage    VARCHAR(16)  NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    reason      TEXT         NOT NULL,
    event_id    VARCHAR(64),
    changed_at  TIMESTAMPTZ  NOT NULL
);
