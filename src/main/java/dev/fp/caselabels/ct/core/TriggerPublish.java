package dev.fp.caselabels.ct.core;

import dev.fp.caselabels.ct.store.CtTables;

import java.util.Map;

/** CT's effect: publish a case_trigger envelope through IG, then record IG's answer under the trigger's key. */
public record TriggerPublish(CtTables.TriggerKey key, Map<String, Object> envelope) {
}
