-- The canary stage: one version per model, as staging and production, serving a share of the traffic.
CREATE UNIQUE INDEX one_canary_version ON model_versions (model) WHERE stage = 'canary';
ALTER TABLE model_versions ADD COLUMN traffic_share DOUBLE PRECISION;
ALTER TABLE stage_changes ADD COLUMN traffic_share DOUBLE PRECISION;

-- Aliases: one version per alias per model (models:/<name>@<alias>).
CREATE TABLE model_aliases (
    id          BIGSERIAL    PRIMARY KEY,
    model       VARCHAR(64)  NOT NULL,
    alias       VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (model, alias)
);

-- Every move of an alias, with who, why and the ModelAliasChanged it emitted; version null: removed.
CREATE TABLE alias_changes (
    id                BIGSERIAL    PRIMARY KEY,
    model             VARCHAR(64)  NOT NULL,
    alias             VARCHAR(64)  NOT NULL,
    version           INTEGER,
    previous_version  INTEGER,
    changed_by        VARCHAR(64)  NOT NULL,
    reason            TEXT         NOT NULL,
    event_id          VARCHAR(64),
    changed_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX alias_changes_by_model ON alias_changes (model, changed_at, id);
