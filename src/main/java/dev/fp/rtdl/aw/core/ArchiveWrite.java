package dev.fp.rtdl.aw.core;

import dev.fp.rtdl.aw.store.LedgerKey;

import java.util.Map;

/**
 * AW's external effect: write the archive record of a NEW ledger entry, write-once, at evidence {@code prefix} /
 * {@code id}. {@code body} is the reference's archive record without {@code archived_at_utc} (wall clock, stamped by
 * the writer so the core stays deterministic).
 */
public record ArchiveWrite(LedgerKey key, String prefix, String id, Map<String, Object> body, String payloadHash) {
}
