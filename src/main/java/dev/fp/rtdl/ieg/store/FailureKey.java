package dev.fp.rtdl.ieg.store;

/** An apply failure within a run: {@code failure_id = sha256("{topic}:{partition}:{offset}:{reason}:{event_id}")[:32]}. */
public record FailureKey(String platformRunId, String failureId) {
}
