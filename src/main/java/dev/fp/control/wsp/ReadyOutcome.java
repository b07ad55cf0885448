package dev.fp.control.wsp;

/**
 * A READY and what became of it. From a pass ({@code fp wsp once}) {@code result} is STREAMED, FAILED,
 * SKIPPED_OUT_OF_SCOPE, DEFERRED (a required pack is not live; it stays PENDING) or INTERRUPTED (stopped; resumes
 * from its checkpoints); from {@link WspEvidence#readies} it is the stored status (PENDING while not final).
 * {@code emitted} counts events IG acknowledged across the READY's outputs.
 */
public record ReadyOutcome(String messageId, String result, String reason, long emitted) {
}
