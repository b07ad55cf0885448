package dev.fp.contract;

import java.util.List;
import java.util.Set;

/** Wire names of the canonical event envelope (control_ingress.md §1), in schema order. */
public final class EnvelopeFields {
  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String TS_UTC = "ts_utc";
  public static final String MANIFEST_FINGERPRINT = "manifest_fingerprint";
  public static final String PARAMETER_HASH = "parameter_hash";
  public static final String SEED = "seed";
  public static final String SCENARIO_ID = "scenario_id";
  public static final String RUN_ID = "run_id";
  public static final String PLATFORM_RUN_ID = "platform_run_id";
  public static final String SCENARIO_RUN_ID = "scenario_run_id";
  public static final String EMITTED_AT_UTC = "emitted_at_utc";
  public static final String SCHEMA_VERSION = "schema_version";
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String PARENT_EVENT_ID = "parent_event_id";
  public static final String PRODUCER = "producer";
  public static final String PAYLOAD = "payload";

  public static final List<String> ALL = List.of(EVENT_ID, EVENT_TYPE, TS_UTC, MANIFEST_FINGERPRINT, PARAMETER_HASH,
      SEED, SCENARIO_ID, RUN_ID, PLATFORM_RUN_ID, SCENARIO_RUN_ID, EMITTED_AT_UTC, SCHEMA_VERSION, TRACE_ID, SPAN_ID,
      PARENT_EVENT_ID, PRODUCER, PAYLOAD);
  public static final List<String> REQUIRED = List.of(EVENT_ID, EVENT_TYPE, TS_UTC, MANIFEST_FINGERPRINT);
  public static final Set<String> KNOWN = Set.copyOf(ALL);

  private EnvelopeFields() {
  }
}
