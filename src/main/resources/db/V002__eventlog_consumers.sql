-- Consumer groups of the event log (dev.fp.substrate.eventlog.CheckpointStore).
-- One live holder per group: a lease with a TTL (wall-clock ms) and a fencing token that grows on every acquisition.
CREATE TABLE IF NOT EXISTS eb_consumer_leases (
  group_id TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  fencing_token BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  acquired_at_utc TEXT NOT NULL,
  renewed_at_utc TEXT NOT NULL
);

-- Last processed record per group, topic and partition; resume reads AFTER log_offset ("offset" is reserved in SQL).
-- fencing_token is the lease token of the holder that wrote the row.
CREATE TABLE IF NOT EXISTS eb_checkpoints (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  log_offset TEXT NOT NULL,
  offset_kind TEXT NOT NULL,
  fencing_token BIGINT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
