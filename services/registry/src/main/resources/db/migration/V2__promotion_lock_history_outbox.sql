-- A run's status only moves forward: the registry keeps how far it has come (RunStatus.progress).
ALTER TABLE runs ADD COLUMN status_progress SMALLINT NOT NULL DEFAULT 0;
UPDATE runs SET status_progress = CASE status
    WHEN 'running' THEN 0 WHEN 'evaluated' THEN 1 WHEN 'promoted' THEN 3 ELSE 2 END;

-- One row per registered model: a promotion takes its lock (SELECT ... FOR UPDATE), so two
-- candidates of one model are decided one after the other, each seeing what the other committed.
CREATE TABLE models (
    name        VARCHAR(64)  PRIMARY KEY,
    created_at  TIMESTAMPTZ  NOT NULL
);
INSERT INTO models (name, created_at) SELECT model, min(created_at) FROM model_versions GROUP BY model;

-- The backstop under the lock: at most one version per model holds production, and one staging.
CREATE UNIQUE INDEX one_production_version ON model_versions (model) WHERE stage = 'production';
CREATE UNIQUE INDEX one_staging_version ON model_versions (model) WHERE stage = 'staging';

-- An automatic promotion to production records the version the candidate beat (null: none).
ALTER TABLE stage_changes ADD COLUMN compared_with INTEGER;
CREATE INDEX stage_changes_by_model ON stage_changes (model, changed_at, id);

-- Events the registry owes the world, written in the transaction that decided them and sent once
-- it has committed; what a crash left unsent is sent later (OutboxRelay).
CREATE TABLE outbox (
    event_id    VARCHAR(64)  PRIMARY KEY,
    topic       VARCHAR(64)  NOT NULL,
    payload     BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
