package dev.fp.rtdl.ofp.store;

/** Per run: the newest traffic event time applied (epoch µs; the query basis' {@code window_end_utc}). */
public record OfpMeta(long maxEventMicros) {
}
