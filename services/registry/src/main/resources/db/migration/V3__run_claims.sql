-- Which run the bytes and spec of a publish belong to: the same dataset version and spec hash
-- start one run, unless forced or the run failed (RunReuse). Taken under the row's lock.
CREATE TABLE run_claims (
    pipeline         VARCHAR(64)  NOT NULL,
    dataset_version  VARCHAR(64)  NOT NULL,
    spec_hash        VARCHAR(64)  NOT NULL,
    run_id           VARCHAR(64)  NOT NULL,
    claimed_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (pipeline, dataset_version, spec_hash)
);
