package dev.fp.control.wsp;

/**
 * What one pass did with a READY, for the CLI and tests: {@code result} is STREAMED, FAILED, SKIPPED_OUT_OF_SCOPE,
 * DEFERRED (a required pack is not live; it stays PENDING) or INTERRUPTED (stopped; resumes from its checkpoints).
 */
public record ReadyOutcome(String messageId, String result, String reason, long emitted) {
}
