package dev.fp.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine outputs catalogue ({@code interface_pack/engine_outputs.catalogue.yaml} of a run root): per output
 * its path template, primary key and the gates a reader needs.
 */
public record Catalogue(List<Entry> outputs) {
  public static final String PATH = "interface_pack/engine_outputs.catalogue.yaml";
  public static final String GATE_MAP_PATH = "interface_pack/engine_gates.map.yaml";

  /** One catalogue entry. */
  public record Entry(String outputId, String pathTemplate, List<String> primaryKey, List<String> gates) {
  }

  @SuppressWarnings("unchecked")
  public static Catalogue parse(byte[] yaml) {
    Map<String, Object> doc = JsonDoc.parseYaml(yaml).orElseThrow(() -> OracleException.input(
        "CATALOGUE_INVALID", PATH + " is not a YAML mapping", "regenerate the world"));
    List<Entry> entries = new ArrayList<>();
    if (doc.get("outputs") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          entries.add(new Entry(String.valueOf(m.get("output_id")),
              m.get("path_template") == null ? null : String.valueOf(m.get("path_template")),
              strings(m.get("primary_key")), strings(m.get("read_requires_gates"))));
        }
      }
    }
    return new Catalogue(List.copyOf(entries));
  }

  private static List<String> strings(Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  public Optional<Entry> find(String outputId) {
    return outputs.stream().filter(e -> e.outputId().equals(outputId)).findFirst();
  }

  /** Gate id → passed-flag path template, from the gate map. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> gateFlags(byte[] gateMapYaml) {
    Map<String, Object> doc = JsonDoc.parseYaml(gateMapYaml).orElseThrow(() -> OracleException.input(
        "GATE_MAP_INVALID", GATE_MAP_PATH + " is not a YAML mapping", "regenerate the world"));
    Map<String, String> flags = new java.util.LinkedHashMap<>();
    if (doc.get("gates") instanceof List<?> gates) {
      for (Object g : gates) {
        if (g instanceof Map<?, ?> m && m.get("gate_id") != null) {
          flags.put(String.valueOf(m.get("gate_id")), String.valueOf(m.get("passed_flag_path_template")));
        }
      }
    }
    return flags;
  }
}
