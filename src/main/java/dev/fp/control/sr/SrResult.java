package dev.fp.control.sr;

import dev.fp.control.sr.core.RunState;
import dev.fp.substrate.eventlog.EbRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one SR invocation left behind. {@link #readyPublished()} is the P5 outcome: READY committed and present on
 * {@code sr-control-bus}. {@code alreadyOnBus} says the READY with this message_id was found on the bus and not sent
 * again; {@code busRef} is where it is (null when publishing failed).
 *
 * @param problems evidence problems when the run is not READY (each prefixed with its class)
 */
public record SrResult(String platformRunId, String runId, String equivalenceKey, RunState state, String reasonCode,
                       List<String> problems, String messageId, String bundleHash, String factsViewRef,
                       String readySignalRef, boolean published, boolean alreadyOnBus, EbRef busRef) {

  public SrResult {
    problems = List.copyOf(problems);
  }

  static SrResult notReady(String platformRunId, String runId, String key, RunState state, String reason,
                           List<String> problems) {
    return new SrResult(platformRunId, runId, key, state, reason, problems, null, null, null, null, false, false, null);
  }

  public boolean readyPublished() {
    return state == RunState.READY && published;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform_run_id", platformRunId);
    m.put("run_id", runId);
    m.put("run_equivalence_key", equivalenceKey);
    m.put("state", state.name());
    m.put("reason_code", reasonCode);
    m.put("problems", problems);
    m.put("message_id", messageId);
    m.put("bundle_hash", bundleHash);
    m.put("facts_view_ref", factsViewRef);
    m.put("ready_signal_ref", readySignalRef);
    m.put("published", published);
    m.put("already_on_bus", alreadyOnBus);
    m.put("bus_ref", busRef == null ? null : Map.of("topic", busRef.topic(), "partition", busRef.partition(),
        "offset", busRef.offset(), "offset_kind", busRef.offsetKind()));
    return m;
  }
}
