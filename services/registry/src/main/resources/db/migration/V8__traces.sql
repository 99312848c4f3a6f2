-- Traces. An owed event keeps the trace context of the decision that owes it (W3C headers as
-- JSON), so that it continues the run's trace whoever sends it, whenever. The spans of runs, as
-- the services ship them (telemetry.spans), are kept for the run page's waterfall; old ones are
-- pruned (pipeline.registry.traces.keep-for).
ALTER TABLE outbox ADD COLUMN trace_context TEXT;

CREATE TABLE trace_spans (
    span_id         VARCHAR(16)  PRIMARY KEY,
    trace_id        VARCHAR(32)  NOT NULL,
    parent_span_id  VARCHAR(16),
    run_id          VARCHAR(64)  NOT NULL,
    service         VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    start_micros    BIGINT       NOT NULL,
    end_micros      BIGINT       NOT NULL,
    error           BOOLEAN      NOT NULL,
    attributes      TEXT         NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX trace_spans_by_run ON trace_spans (run_id, start_micros);
CREATE INDEX trace_spans_by_age ON trace_spans (received_at);
