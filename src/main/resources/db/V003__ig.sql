-- Ingestion Gate (dev.fp.ingress.ig.store) and the platform evidence index (dev.fp.platform.evidence).
-- JSON columns are TEXT on both dialects (cast with ::jsonb on PostgreSQL when querying).

-- Admission index, the dedupe authority: one row per identity dedupe_key = sha256("{platform_run_id}:{event_class}:{event_id}").
-- state: PUBLISH_IN_FLIGHT -> ADMITTED | PUBLISH_AMBIGUOUS; PUBLISH_AMBIGUOUS -> ADMITTED | PUBLISH_RELEASED (operator
-- reconciliation); PUBLISH_RELEASED -> PUBLISH_IN_FLIGHT (the next push of the event). Rows never expire.
-- eb_* hold the published record once ADMITTED (eb_topic is the intended topic from the in-flight insert on).
CREATE TABLE IF NOT EXISTS ig_admissions (
  dedupe_key TEXT PRIMARY KEY,
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
-- Only unsettled rows are indexed by state, so the hot ADMITTED rows cost nothing here.
CREATE INDEX IF NOT EXISTS ig_admissions_unsettled ON ig_admissions (platform_run_id, state) WHERE state <> 'ADMITTED';

-- Ops index of receipts (ADMIT, DUPLICATE, QUARANTINE): at most one row per receipt_id and run, first write wins.
-- receipt_id = sha256("{DECISION}:{event_id}")[:32], so a lookup by event_id probes three keys.
CREATE TABLE IF NOT EXISTS ig_receipts (
  receipt_id TEXT NOT NULL,
  platform_run_id TEXT NOT NULL DEFAULT '',
  event_id TEXT,
  event_type TEXT,
  event_class TEXT,
  dedupe_key TEXT,
  decision TEXT NOT NULL,
  eb_topic TEXT,
  eb_partition INTEGER,
  eb_offset TEXT,
  eb_offset_kind TEXT,
  policy_id TEXT NOT NULL,
  policy_revision TEXT NOT NULL,
  policy_digest TEXT NOT NULL,
  created_at_utc TEXT NOT NULL,
  receipt_ref TEXT,
  pins_json TEXT,
  reason_codes_json TEXT,
  evidence_refs_json TEXT,
  PRIMARY KEY (receipt_id, platform_run_id)
);

-- Ops index of quarantine records: quarantine_id = sha256("QUARANTINE:{event_id}")[:32], first reason wins.
CREATE TABLE IF NOT EXISTS ig_quarantines (
  quarantine_id TEXT NOT NULL,
  platform_run_id TEXT NOT NULL DEFAULT '',
  event_id TEXT,
  event_type TEXT,
  event_class TEXT,
  reason_code TEXT NOT NULL,
  reason_detail TEXT,
  policy_id TEXT NOT NULL,
  policy_revision TEXT NOT NULL,
  policy_digest TEXT NOT NULL,
  created_at_utc TEXT NOT NULL,
  evidence_ref TEXT,
  pins_json TEXT,
  PRIMARY KEY (quarantine_id, platform_run_id)
);

-- Durable per-run decision counters (health and metrics survive a restart): decision.<D>, reason.<CODE>,
-- publish_ambiguous, receipt_write_failed.
CREATE TABLE IF NOT EXISTS ig_run_counters (
  platform_run_id TEXT NOT NULL,
  counter TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (platform_run_id, counter)
);

-- EvidenceWriter segment layout: record id -> segment number and 1-based line, with the SHA-256 of the stored line.
CREATE TABLE IF NOT EXISTS evidence_index (
  prefix TEXT NOT NULL,
  record_id TEXT NOT NULL,
  segment_seq BIGINT NOT NULL,
  line_no INTEGER NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (prefix, record_id)
);
