package dev.fp.contract;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** READY as WSP reads it from {@code sr-control-bus} (control_ingress §4.1): what it accepts and why it drops. */
class ReadySignalTest {
  static Map<String, Object> message() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("run_id", "7e0847b8622533045c5b69bce61c88bd");
    payload.put("platform_run_id", "platform_20260210T091951Z");
    payload.put("scenario_run_id", "7e0847b8622533045c5b69bce61c88bd");
    payload.put("facts_view_ref", "platform_20260210T091951Z/sr/run_facts_view/7e0847b8622533045c5b69bce61c88bd.json");
    payload.put("bundle_hash", "b".repeat(64));
    payload.put("message_id", "m".repeat(64));
    payload.put("run_config_digest", "c".repeat(64));
    payload.put("manifest_fingerprint", "d".repeat(64));
    payload.put("parameter_hash", "e".repeat(64));
    payload.put("scenario_id", "baseline_v1");
    payload.put("oracle_pack_ref", Map.of("engine_run_root", "s3://oracle-store/w", "oracle_pack_id", "f".repeat(64)));
    Map<String, Object> m = new HashMap<>();
    m.put("topic", "fp.bus.control.v1");
    m.put("message_id", "m".repeat(64));
    m.put("attributes", Map.of("kind", "READY", "run_id", "7e0847b8622533045c5b69bce61c88bd"));
    m.put("payload", payload);
    return m;
  }

  @Test
  void shouldParseAReadyWithItsOraclePackRef() {
    ReadySignal.Parsed p = ReadySignal.parse(message());

    assertThat(p.isReady()).isTrue();
    assertThat(p.ready().messageId()).isEqualTo("m".repeat(64));
    assertThat(p.ready().engineRunRoot()).isEqualTo("s3://oracle-store/w");
    assertThat(p.ready().oraclePackId()).isEqualTo("f".repeat(64));
    assertThat(p.ready().streamViewRoot()).isNull();
  }

  @Test
  void shouldDropOtherTopicsTerminalReemitsAndIncompleteReadies() {
    Map<String, Object> other = message();
    other.put("topic", "fp.bus.other");
    Map<String, Object> terminal = message();
    terminal.put("payload", Map.of("run_id", "x", "status_state", "READY", "reemit_key", "k"));
    Map<String, Object> blank = message();
    ((Map<String, Object>) blank.get("payload")).put("bundle_hash", " ");

    assertThat(ReadySignal.parse(other).dropReason()).startsWith("NOT_CONTROL_TOPIC");
    assertThat(ReadySignal.parse(terminal).dropReason()).startsWith("READY_SCHEMA_INVALID");
    assertThat(ReadySignal.parse(blank).dropReason()).startsWith("READY_FIELDS_MISSING");
  }
}
