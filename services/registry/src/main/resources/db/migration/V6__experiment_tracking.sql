-- Experiment tracking, written from CheckpointWritten. An experiment groups a pipeline's training
-- runs (the spec's experiment name, else the pipeline's); a training run is one trained model
-- spec on one dataset and transform (a search's trial is one of its own); its metric history is
-- one row per checkpoint holding every metric of that checkpoint. JSON is kept as text. A
-- reproduction's training runs name the run they reproduce.
CREATE TABLE experiments (
    id           BIGSERIAL    PRIMARY KEY,
    pipeline     VARCHAR(64)  NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (pipeline, name)
);

CREATE TABLE training_runs (
    training_run_id    VARCHAR(64)   PRIMARY KEY,
    run_id             VARCHAR(64)   NOT NULL,
    pipeline           VARCHAR(64)   NOT NULL,
    experiment         VARCHAR(64)   NOT NULL,
    model_name         VARCHAR(64)   NOT NULL,
    search_id          VARCHAR(64),
    trial              INTEGER       NOT NULL,
    trials             INTEGER       NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    hyperparameters    TEXT          NOT NULL,
    environment        TEXT          NOT NULL,
    code_version       VARCHAR(80)   NOT NULL,
    device             VARCHAR(32)   NOT NULL,
    dataset_name       VARCHAR(64)   NOT NULL,
    dataset_version    VARCHAR(64)   NOT NULL,
    spec_uri           TEXT          NOT NULL,
    spec_hash          VARCHAR(64)   NOT NULL,
    transform_version  VARCHAR(64)   NOT NULL,
    started_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    ended_at           TIMESTAMPTZ,
    last_step          BIGINT        NOT NULL,
    last_epoch         INTEGER       NOT NULL,
    last_metrics       TEXT          NOT NULL,
    best_step          BIGINT,
    best_metric        VARCHAR(32),
    best_value         DOUBLE PRECISION,
    best_uri           TEXT,
    winner             BOOLEAN       NOT NULL DEFAULT FALSE,
    dataset_uri        TEXT          NOT NULL,
    reproduces         VARCHAR(64)
);
CREATE INDEX training_runs_of_pipeline ON training_runs (pipeline, experiment, started_at);
CREATE INDEX training_runs_of_run ON training_runs (run_id);

CREATE TABLE training_metrics (
    id               BIGSERIAL    PRIMARY KEY,
    training_run_id  VARCHAR(64)  NOT NULL,
    step             BIGINT       NOT NULL,
    epoch            INTEGER      NOT NULL,
    metrics          TEXT         NOT NULL,
    parameters_sha256 VARCHAR(64),
    recorded_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (training_run_id, step)
);
