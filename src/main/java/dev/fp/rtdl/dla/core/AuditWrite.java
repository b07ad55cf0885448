package dev.fp.rtdl.dla.core;

import java.util.Map;

/**
 * DLA's effect: an audit record written through the EvidenceWriter at {@code prefix}/{@code auditId} and published
 * on {@code fp.bus.audit.v1} as {@code envelope}. Both are functions of the chain, so a retry writes the same bytes.
 */
public record AuditWrite(String prefix, String auditId, Map<String, Object> record, Map<String, Object> envelope) {
}
