package dev.fp.world.core;

import dev.fp.contract.CanonicalJson;
import dev.fp.contract.Hashing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validation bundle of one segment for a world: a PASS report, the index listing it with its sha256, and
 * {@code _passed.flag} holding the bundle digest computed by the segment's law, so a verifier recomputing the
 * digest finds it equal. Pure: returns file names (relative to the bundle root) and bytes.
 */
public final class GateBundle {
  public static final String FLAG = "_passed.flag";

  private GateBundle() {
  }

  /** Files of the bundle, flag included, in write order (the flag last). */
  public static Map<String, byte[]> files(Segment segment, WorldPins pins, Map<String, Long> rowCounts) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String reportName = "validation_report_" + segment.code() + ".json";
    Map<String, Object> report = new TreeMap<>();
    report.put("segment", segment.code());
    report.put("manifest_fingerprint", pins.manifestFingerprint());
    report.put("parameter_hash", pins.parameterHash());
    report.put("seed", pins.seed());
    report.put("status", "PASS");
    report.put("row_counts", rowCounts);
    byte[] reportBytes = CanonicalJson.lineBytes(report);
    files.put(reportName, reportBytes);
    Map<String, Object> entry = new TreeMap<>(Map.of("path", reportName, "sha256_hex", Hashing.sha256Hex(reportBytes)));
    Map<String, Object> index = new TreeMap<>();
    index.put("segment", segment.code());
    index.put("manifest_fingerprint", pins.manifestFingerprint());
    index.put("entries", List.of(entry));
    files.put(segment.indexName(), CanonicalJson.lineBytes(index));
    String digest = digest(segment, files);
    files.put(FLAG, flag(segment, pins, digest));
    return files;
  }

  /** The bundle digest by the segment's law, over the non-flag files. */
  static String digest(Segment segment, Map<String, byte[]> files) {
    ByteArrayOutputStream concat = new ByteArrayOutputStream();
    switch (segment.method()) {
      case "sha256_bundle_digest" -> new TreeMap<>(files).forEach((name, bytes) -> {
        if (!name.equals(FLAG)) {
          concat.writeBytes(bytes);
        }
      });
      case "sha256_member_digest_concat" -> memberPaths(files, segment).forEach(p -> concat.writeBytes(
          Hashing.sha256Hex(files.get(p)).getBytes(StandardCharsets.US_ASCII)));
      default -> memberPaths(files, segment).stream().sorted().forEach(p -> concat.writeBytes(files.get(p)));
    }
    return Hashing.sha256Hex(concat.toByteArray());
  }

  private static List<String> memberPaths(Map<String, byte[]> files, Segment segment) {
    List<String> paths = new ArrayList<>();
    for (String name : files.keySet()) {
      if (!name.equals(FLAG) && !name.equals(segment.indexName())) {
        paths.add(name);
      }
    }
    return paths;
  }

  private static byte[] flag(Segment segment, WorldPins pins, String digest) {
    if (segment.jsonFlag()) {
      Map<String, Object> flag = new TreeMap<>();
      flag.put("manifest_fingerprint", pins.manifestFingerprint());
      flag.put("bundle_digest_sha256", digest);
      return CanonicalJson.lineBytes(flag);
    }
    return ("sha256_hex = " + digest + "\n").getBytes(StandardCharsets.US_ASCII);
  }
}
