-- Compact keys for the two tables that take one random-key insert per admitted event (IG's dedupe index and the
-- evidence segment index). Rows are appended in row_id order; the unique lookup indexes hold short keys, so a commit
-- dirties fewer index pages (on SQLite every dirtied page is written to the WAL and checkpointed again). See
-- docs/PERFORMANCE.md "Ingestion Gate".

-- ig_admissions: unique on key_prefix = the first 24 hex characters (96 bits) of dedupe_key; readers compare the full
-- dedupe_key (a prefix shared by two identities is reported, never merged). Columns otherwise as in V003.
CREATE TABLE ig_admissions_v6 (
  row_id ${BIGINT_ID},
  key_prefix TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  state TEXT NOT NULL,
  platform_run_id TEXT NOT NULL,
  event_class TEXT NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  claim_token TEXT NOT NULL,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  admitted_at_utc TEXT,
  eb_topic TEXT NOT NULL,
  eb_partition INTEGER,
  eb_offset TEXT,
  eb_offset_kind TEXT,
  eb_published_at_utc TEXT,
  receipt_id TEXT,
  receipt_ref TEXT,
  receipt_write_failed INTEGER NOT NULL DEFAULT 0,
  state_reason TEXT
);
INSERT INTO ig_admissions_v6 (key_prefix, dedupe_key, state, platform_run_id, event_class, event_id, event_type,
  payload_hash, claim_token, created_at_utc, updated_at_utc, admitted_at_utc, eb_topic, eb_partition, eb_offset,
  eb_offset_kind, eb_published_at_utc, receipt_id, receipt_ref, receipt_write_failed, state_reason)
  SELECT substr(dedupe_key, 1, 24), dedupe_key, state, platform_run_id, event_class, event_id, event_type,
  payload_hash, claim_token, created_at_utc, updated_at_utc, admitted_at_utc, eb_topic, eb_partition, eb_offset,
  eb_offset_kind, eb_published_at_utc, receipt_id, receipt_ref, receipt_write_failed, state_reason
  FROM ig_admissions ORDER BY created_at_utc, dedupe_key;
DROP TABLE ig_admissions;
ALTER TABLE ig_admissions_v6 RENAME TO ig_admissions;
CREATE UNIQUE INDEX ig_admissions_key ON ig_admissions (key_prefix);
-- Only unsettled rows are indexed by state, so the hot ADMITTED rows cost nothing here.
CREATE INDEX ig_admissions_unsettled ON ig_admissions (platform_run_id, state) WHERE state <> 'ADMITTED';

-- evidence_index -> evidence_prefixes + evidence_records: the prefix (e.g. fraud-platform/<run>/ig/receipts) is
-- stored once and referenced by number; max_segment is the highest segment number indexed under it.
CREATE TABLE evidence_prefixes (
  prefix_id ${BIGINT_ID},
  prefix TEXT NOT NULL UNIQUE,
  max_segment BIGINT NOT NULL
);
INSERT INTO evidence_prefixes (prefix, max_segment)
  SELECT prefix, MAX(segment_seq) FROM evidence_index GROUP BY prefix ORDER BY prefix;
CREATE TABLE evidence_records (
  row_id ${BIGINT_ID},
  prefix_id BIGINT NOT NULL,
  record_id TEXT NOT NULL,
  segment_seq BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  digest TEXT NOT NULL
);
INSERT INTO evidence_records (prefix_id, record_id, segment_seq, line_no, digest)
  SELECT p.prefix_id, e.record_id, e.segment_seq, e.line_no, e.digest FROM evidence_index e
  JOIN evidence_prefixes p ON p.prefix = e.prefix ORDER BY e.prefix, e.segment_seq, e.line_no;
DROP TABLE evidence_index;
CREATE UNIQUE INDEX evidence_records_key ON evidence_records (prefix_id, record_id);
