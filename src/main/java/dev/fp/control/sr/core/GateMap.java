package dev.fp.control.sr.core;

import dev.fp.contract.JsonDoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine gate map ({@code interface_pack/engine_gates.map.yaml}, data_and_numbers §1.7): per gate where its
 * validation bundle and {@code _passed.flag} live, the digest law that verifies them, which outputs it authorises and
 * which gates it depends on. Templates carry {@code {manifest_fingerprint}}.
 */
public record GateMap(List<Gate> gates) {

  /** One gate of the map. */
  public record Gate(String gateId, String passedFlagTemplate, String bundleRootTemplate, String indexTemplate,
                     String method, String digestField, List<String> excludeFilenames,
                     List<String> authorizesOutputs, List<String> upstream) {
  }

  /** Parses the map; a document that is not a YAML mapping with a {@code gates} list is {@code GATE_FAIL}. */
  public static GateMap parse(byte[] yaml, String where) {
    Map<String, Object> doc = JsonDoc.parseYaml(yaml).orElseThrow(() -> invalid(where, "not a YAML mapping"));
    if (!(doc.get("gates") instanceof List<?> list)) {
      throw invalid(where, "no gates list");
    }
    List<Gate> gates = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> g && g.get("gate_id") != null) {
        gates.add(gate(g));
      }
    }
    return new GateMap(List.copyOf(gates));
  }

  private static Gate gate(Map<?, ?> g) {
    Map<?, ?> method = g.get("verification_method") instanceof Map<?, ?> m ? m : Map.of();
    return new Gate(text(g, "gate_id"), text(g, "passed_flag_path_template"), text(g, "bundle_root_template"),
        text(g, "index_path_template"), text(method, "kind"), text(method, "digest_field"),
        strings(method.get("exclude_filenames")), strings(g.get("authorizes_outputs")),
        strings(g.get("upstream_gate_dependencies")));
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  private static SrException invalid(String where, String what) {
    return SrException.check(SrCodes.GATE_FAIL, where + ": " + what, "the engine run root must ship a valid gate map");
  }

  public Optional<Gate> find(String gateId) {
    return gates.stream().filter(g -> g.gateId().equals(gateId)).findFirst();
  }
}
