package dev.fp.rtdl.al.core;

import dev.fp.rtdl.al.store.AlTables;

import java.util.Map;

/** AL's effect: publish an outcome envelope through IG, then record IG's answer on the outcome row. */
public record OutcomePublish(AlTables.OutcomeKey key, AlTables.OutcomeRow row, Map<String, Object> envelope) {
}
