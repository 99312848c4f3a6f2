-- Alerts sent to the webhooks of a pipeline's spec (notify block): one row per event and hook,
-- claimed before the first attempt, so a redelivered event alerts no one twice. The body is stored
-- and sent byte for byte on every attempt; a delivery still pending long after its next attempt
-- was due (the registry stopped) is taken up again by the relay (WebhookRelay).
CREATE TABLE webhook_deliveries (
    delivery_id      VARCHAR(64)  PRIMARY KEY,
    event_id         VARCHAR(64)  NOT NULL,
    pipeline         VARCHAR(64)  NOT NULL,
    run_id           VARCHAR(64),
    kind             VARCHAR(16)  NOT NULL,
    url              TEXT         NOT NULL,
    secret_name      VARCHAR(64),
    body             TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    last_status      INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_run ON webhook_deliveries (run_id);
