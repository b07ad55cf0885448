package dev.fp.rtdl.dl.core;

import java.time.Instant;

/**
 * One observation of a health signal: when it was observed (the source's own timestamp, e.g. a health file's
 * {@code generated_at_utc}), whether it was fine, and what was seen (for the snapshot and the operator).
 *
 * @param source where it came from (a file path, {@code state_store})
 * @param detail what was seen ({@code health_state=GREEN}, {@code seconds_behind=3.2})
 */
public record SignalSample(String name, Instant observedAt, boolean ok, String source, String detail) {
}
