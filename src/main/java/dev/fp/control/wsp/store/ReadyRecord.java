package dev.fp.control.wsp.store;

import dev.fp.control.wsp.core.ReadyStatus;

/** One row of {@code wsp_ready_records}: a READY WSP took from the control bus and what became of it. */
public record ReadyRecord(long seq, String messageId, String platformRunId, String scenarioRunId, ReadyStatus status,
                          String reason, long emitted, long attempts, long nextAttemptAtMs, String readyJson,
                          String sourceOffset, String receivedAtUtc, String updatedAtUtc) {
}
