package dev.fp.world.core;

import dev.fp.parquet.FlatSchema;

import java.util.List;

/**
 * One engine output as the catalogue describes it.
 *
 * @param segment      owner segment, "5B" or "6B"; its gate authorises reads
 * @param pathTemplate relative to the run root, with {@code {seed}}-style tokens and a file glob
 * @param role         {@code traffic} or {@code context} (streamable), {@code truth} (never streamed), or
 *                     {@code catalogue}
 */
public record OutputSpec(String outputId, String segment, String pathTemplate, List<String> primaryKey,
                         String role, String description, FlatSchema schema) {

  public String gateId() {
    return "gate.layer" + layer() + "." + segment + ".validation";
  }

  public int layer() {
    return segment.startsWith("5") ? 2 : 3;
  }

  /** The folder of the output for concrete pins (the template without its file glob). */
  public String folder(WorldPins pins) {
    String rendered = pathTemplate.replace("{seed}", Long.toString(pins.seed()))
        .replace("{parameter_hash}", pins.parameterHash())
        .replace("{manifest_fingerprint}", pins.manifestFingerprint())
        .replace("{scenario_id}", pins.scenarioId());
    return rendered.substring(0, rendered.lastIndexOf('/'));
  }

  /** The folder of a 6B output under a world's run root, above its pin partitions. */
  public static String folder6B(String outputId) {
    return "data/layer3/6B/" + outputId;
  }

  static String path6B(String outputId, String file) {
    return folder6B(outputId) + "/seed={seed}/parameter_hash={parameter_hash}/"
        + "manifest_fingerprint={manifest_fingerprint}/scenario_id={scenario_id}/" + file;
  }
}
