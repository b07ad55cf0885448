package dev.fp.world.core;

import dev.fp.parquet.FlatSchema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The two interface files a world ships under {@code interface_pack/} and the oracle pack digests:
 * {@value #CATALOGUE} (every output: path template, primary key, columns, gates) and {@value #GATE_MAP} (every
 * gate: flag and bundle paths, digest law, upstream gates, authorised outputs). Rendered as plain YAML, the same
 * bytes for every world of one generator version.
 */
public final class InterfacePack {
  public static final String FOLDER = "interface_pack";
  public static final String CATALOGUE = "engine_outputs.catalogue.yaml";
  public static final String GATE_MAP = "engine_gates.map.yaml";

  private InterfacePack() {
  }

  public static String catalogue(List<OutputSpec> outputs) {
    StringBuilder y = new StringBuilder("version: '1.0'\ngenerator: ")
        .append(WorldIdentity.GENERATOR).append('/').append(WorldIdentity.GENERATOR_VERSION).append("\noutputs:\n");
    for (OutputSpec o : outputs) {
      y.append("- output_id: ").append(o.outputId()).append('\n')
          .append("  class: ").append(o.role()).append('\n')
          .append("  owner_segment: ").append(o.segment()).append('\n')
          .append("  path_template: ").append(o.pathTemplate()).append('\n')
          .append("  primary_key: ").append(list(o.primaryKey())).append('\n')
          .append("  time_column: ").append(o.schema().indexOrMinus1("ts_utc") >= 0 ? "ts_utc" : "null").append('\n')
          .append("  read_requires_gates: [").append(o.gateId()).append("]\n")
          .append("  streamable: ").append(o.role().equals("traffic") || o.role().equals("context")).append('\n')
          .append("  description: '").append(o.description().replace("'", "''")).append("'\n")
          .append("  columns:\n");
      FlatSchema s = o.schema();
      for (int i = 0; i < s.size(); i++) {
        y.append("  - {name: ").append(s.name(i)).append(", type: ")
            .append(s.message().getType(i).asPrimitiveType().getPrimitiveTypeName().name().toLowerCase())
            .append(", nullable: ").append(s.nullable(i)).append("}\n");
      }
    }
    return y.toString();
  }

  public static String gateMap(List<OutputSpec> outputs) {
    StringBuilder y = new StringBuilder("version: '1.0'\ngates:\n");
    for (Segment s : Segment.values()) {
      String root = s.bundleRootTemplate();
      y.append("- gate_id: ").append(s.gateId()).append('\n')
          .append("  segment: ").append(s.code()).append('\n')
          .append("  scope: fingerprint\n")
          .append("  passed_flag_path_template: ").append(root).append(GateBundle.FLAG).append('\n')
          .append("  bundle_root_template: ").append(root).append('\n')
          .append("  index_path_template: ").append(root).append(s.indexName()).append('\n')
          .append("  flag_format: ").append(s.jsonFlag() ? "json" : "text").append('\n')
          .append("  verification_method:\n")
          .append("    kind: ").append(s.method()).append('\n')
          .append("    digest_field: ").append(s.digestField()).append('\n')
          .append("    ordering: ").append(s.method().equals("sha256_member_digest_concat")
              ? "members_array_order" : "ascii_lex").append('\n')
          .append("    exclude_filenames: [").append(GateBundle.FLAG)
          .append(s.method().equals("sha256_bundle_digest") ? "" : ", " + s.indexName()).append("]\n")
          .append("  authorizes_outputs: ").append(list(outputs.stream().filter(o -> o.segment().equals(s.code()))
              .map(OutputSpec::outputId).collect(Collectors.toList()))).append('\n')
          .append("  upstream_gate_dependencies: ").append(list(s.upstream().stream().map(Segment::gateId)
              .collect(Collectors.toList()))).append('\n');
    }
    return y.toString();
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }
}
