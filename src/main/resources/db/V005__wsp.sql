-- World Stream Producer (dev.fp.control.wsp.store.WspStore).
-- One row per READY message_id taken from sr-control-bus: the dedupe record and the work queue. A READY is streamed
-- at most once (STREAMED / SKIPPED_OUT_OF_SCOPE are final); PENDING rows wait for next_attempt_at_ms (deferred while
-- a required pack is not live). seq keeps the control-bus order.
CREATE TABLE IF NOT EXISTS wsp_ready_records (
  seq ${BIGINT_ID},
  message_id TEXT NOT NULL UNIQUE,
  platform_run_id TEXT NOT NULL,
  scenario_run_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  emitted BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt_at_ms BIGINT NOT NULL,
  ready_json TEXT NOT NULL,
  source_offset TEXT NOT NULL,
  received_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS wsp_ready_records_status ON wsp_ready_records (status, next_attempt_at_ms);

-- Per output, the last contiguously acknowledged stream-view row; scope_key = sha256(pack_key|platform_run_id|
-- scenario_run_id|lane_count|lane_index|attempt_id). emitted counts acknowledged events (the cap spans restarts).
-- status STREAMING | MAX_EVENTS | COMPLETE | FAILED | INTERRUPTED; fencing_token is the consumer-group lease token.
CREATE TABLE IF NOT EXISTS wsp_checkpoints (
  scope_key TEXT NOT NULL,
  output_id TEXT NOT NULL,
  platform_run_id TEXT NOT NULL,
  scenario_run_id TEXT NOT NULL,
  pack_key TEXT NOT NULL,
  last_file TEXT,
  last_row_index BIGINT NOT NULL,
  last_ts_utc TEXT,
  emitted BIGINT NOT NULL,
  view_rows BIGINT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  first_push_at_utc TEXT,
  last_ack_at_utc TEXT,
  fencing_token BIGINT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  PRIMARY KEY (scope_key, output_id)
);

CREATE INDEX IF NOT EXISTS wsp_checkpoints_run ON wsp_checkpoints (platform_run_id);
