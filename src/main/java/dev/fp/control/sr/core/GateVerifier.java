package dev.fp.control.sr.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.JsonDoc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a gate's {@code _passed.flag} against its validation bundle by the gate map's digest law
 * (data_and_numbers §1.7): {@code sha256_bundle_digest} (every bundle file but the flag, by path),
 * {@code sha256_index_json_ascii_lex_raw_bytes} (the index entries' files, paths in ASCII order) and
 * {@code sha256_member_digest_concat} (sha256 hex of each index member, in index order). Flags are JSON
 * ({@code bundle_digest_sha256}) or {@code key = value} text ({@code sha256_hex}). Index entries that carry a
 * {@code sha256_hex} must match their file too. Pure.
 */
public final class GateVerifier {
  private static final String HEX64 = "[0-9a-f]{64}";

  private GateVerifier() {
  }

  public static GateResult verify(GateMap.Gate gate, GateEvidence ev, String manifestFingerprint) {
    if (ev.flag().isEmpty()) {
      return GateResult.of(ev, GateResult.Status.MISSING, "_passed.flag missing at " + ev.flagRef());
    }
    Map<String, Object> flag = parseFlag(ev.flag().get());
    String claimed = claimedDigest(gate, flag);
    if (claimed == null) {
      return GateResult.of(ev, GateResult.Status.FAIL, "no sha256 digest in " + ev.flagRef());
    }
    Object flagMf = flag.get("manifest_fingerprint");
    if (flagMf != null && !manifestFingerprint.equals(flagMf)) {
      return GateResult.of(ev, GateResult.Status.CONFLICT, "flag manifest_fingerprint " + flagMf + " != "
          + manifestFingerprint);
    }
    List<String> problems = new ArrayList<>();
    Optional<String> actual = digest(gate, ev, problems);
    if (actual.isEmpty()) {
      return GateResult.of(ev, problems.isEmpty() ? GateResult.Status.FAIL : GateResult.Status.CONFLICT,
          problems.isEmpty() ? "unsupported verification method " + gate.method() : String.join("; ", problems));
    }
    if (!actual.get().equals(claimed)) {
      return GateResult.of(ev, GateResult.Status.CONFLICT, "bundle digest " + actual.get() + " != flag digest "
          + claimed + " (" + ev.flagRef() + ")");
    }
    return new GateResult(ev.gateId(), GateResult.Status.PASS, ev.gateId() + ": PASS",
        receipt(ev, manifestFingerprint, claimed));
  }

  static Map<String, Object> parseFlag(byte[] bytes) {
    Optional<Map<String, Object>> json = JsonDoc.parse(bytes);
    if (json.isPresent()) {
      return json.get();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return fields;
  }

  private static String claimedDigest(GateMap.Gate gate, Map<String, Object> flag) {
    for (String field : new String[] {gate.digestField(), "bundle_digest_sha256", "sha256_hex"}) {
      if (field != null && flag.get(field) instanceof String s && s.matches(HEX64)) {
        return s;
      }
    }
    return null;
  }

  /** The bundle digest by the gate's law, or empty (with problems when bundle files are missing or unreadable). */
  static Optional<String> digest(GateMap.Gate gate, GateEvidence ev, List<String> problems) {
    ByteArrayOutputStream concat = new ByteArrayOutputStream();
    switch (gate.method() == null ? "" : gate.method()) {
      case "sha256_bundle_digest" -> {
        Set<String> excluded = excluded(gate);
        new TreeMap<>(ev.files()).forEach((name, bytes) -> {
          if (!excluded.contains(baseName(name))) {
            concat.writeBytes(bytes);
          }
        });
      }
      case "sha256_index_json_ascii_lex_raw_bytes" -> {
        List<Map<?, ?>> entries = indexEntries(ev, problems);
        entries.stream().map(e -> String.valueOf(e.get("path"))).sorted()
            .forEach(p -> member(ev, p, problems).ifPresent(concat::writeBytes));
        checkEntryDigests(ev, entries, problems);
      }
      case "sha256_member_digest_concat" -> {
        List<Map<?, ?>> entries = indexEntries(ev, problems);
        entries.forEach(e -> member(ev, String.valueOf(e.get("path")), problems)
            .ifPresent(b -> concat.writeBytes(Hashing.sha256Hex(b).getBytes(StandardCharsets.US_ASCII))));
        checkEntryDigests(ev, entries, problems);
      }
      default -> {
        return Optional.empty();
      }
    }
    return problems.isEmpty() ? Optional.of(Hashing.sha256Hex(concat.toByteArray())) : Optional.empty();
  }

  private static Set<String> excluded(GateMap.Gate gate) {
    Set<String> names = new HashSet<>(gate.excludeFilenames());
    if (gate.passedFlagTemplate() != null) {
      names.add(baseName(gate.passedFlagTemplate()));
    }
    return names;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static List<Map<?, ?>> indexEntries(GateEvidence ev, List<String> problems) {
    byte[] index = ev.files().get(ev.indexName());
    Optional<Map<String, Object>> doc = index == null ? Optional.empty() : JsonDoc.parse(index);
    Object list = doc.map(d -> d.containsKey("entries") ? d.get("entries") : d.get("members")).orElse(null);
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      problems.add("index " + ev.indexRef() + (index == null ? " missing" : " has no entries"));
      return List.of();
    }
    List<Map<?, ?>> entries = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> m && m.get("path") != null) {
        entries.add(m);
      } else {
        problems.add("index " + ev.indexRef() + " entry without a path: " + item);
      }
    }
    return entries;
  }

  private static Optional<byte[]> member(GateEvidence ev, String path, List<String> problems) {
    byte[] bytes = ev.files().get(path);
    if (bytes == null) {
      problems.add("bundle member " + path + " listed in " + ev.indexRef() + " is missing");
    }
    return Optional.ofNullable(bytes);
  }

  private static void checkEntryDigests(GateEvidence ev, List<Map<?, ?>> entries, List<String> problems) {
    for (Map<?, ?> e : entries) {
      byte[] bytes = ev.files().get(String.valueOf(e.get("path")));
      if (bytes != null && e.get("sha256_hex") instanceof String recorded && !recorded.equals(Hashing.sha256Hex(bytes))) {
        problems.add("bundle member " + e.get("path") + " sha256 differs from " + ev.indexRef());
      }
    }
  }

  private static Map<String, Object> receipt(GateEvidence ev, String manifestFingerprint, String digest) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("gate_id", ev.gateId());
    r.put("status", "PASS");
    r.put("scope", Map.of("manifest_fingerprint", manifestFingerprint));
    r.put("digest", Map.of("algo", "sha256", "hex", digest));
    r.put("receipt_kind", "passed_flag");
    Map<String, Object> artifacts = new LinkedHashMap<>();
    artifacts.put("validation_bundle_root", ev.bundleRootRef());
    artifacts.put("index_path", ev.indexRef());
    artifacts.put("passed_flag_path", ev.flagRef());
    r.put("artifacts", artifacts);
    return r;
  }
}
