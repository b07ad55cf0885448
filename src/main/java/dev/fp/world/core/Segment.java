package dev.fp.world.core;

import java.util.List;

/**
 * The engine segments whose validation gates a world carries (the whole upstream chain SR verifies, 1A..6B), each
 * with its layer, index file name, digest law, flag format and upstream gates.
 */
public enum Segment {
  S1A(1, "1A", "sha256_bundle_digest", false),
  S1B(1, "1B", "sha256_bundle_digest", false),
  S2A(1, "2A", "sha256_index_json_ascii_lex_raw_bytes", false),
  S2B(1, "2B", "sha256_index_json_ascii_lex_raw_bytes", false),
  S3A(1, "3A", "sha256_member_digest_concat", false),
  S3B(1, "3B", "sha256_index_json_ascii_lex_raw_bytes", false),
  S5A(2, "5A", "sha256_index_json_ascii_lex_raw_bytes", true),
  S5B(2, "5B", "sha256_index_json_ascii_lex_raw_bytes", true),
  S6A(3, "6A", "sha256_index_json_ascii_lex_raw_bytes", false),
  S6B(3, "6B", "sha256_index_json_ascii_lex_raw_bytes", false);

  private final int layer;
  private final String code;
  private final String method;
  private final boolean jsonFlag;

  Segment(int layer, String code, String method, boolean jsonFlag) {
    this.layer = layer;
    this.code = code;
    this.method = method;
    this.jsonFlag = jsonFlag;
  }

  public String code() {
    return code;
  }

  public String gateId() {
    return "gate.layer" + layer + "." + code + ".validation";
  }

  /** Bundle folder template relative to the run root (ends with '/'). */
  public String bundleRootTemplate() {
    return "data/layer" + layer + "/" + code + "/validation/manifest_fingerprint={manifest_fingerprint}/";
  }

  public String indexName() {
    return this == S5A || this == S6A ? "validation_bundle_index_" + code + ".json" : "index.json";
  }

  public String method() {
    return method;
  }

  /** 5A and 5B write a JSON flag {manifest_fingerprint, bundle_digest_sha256}; the others {@code sha256_hex = …}. */
  public boolean jsonFlag() {
    return jsonFlag;
  }

  public String digestField() {
    return jsonFlag ? "bundle_digest_sha256" : "sha256_hex";
  }

  /** Every gate before this one in the chain. */
  public List<Segment> upstream() {
    return List.of(values()).subList(0, ordinal());
  }
}
