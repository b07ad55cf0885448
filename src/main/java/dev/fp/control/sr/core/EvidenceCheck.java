package dev.fp.control.sr.core;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.StreamViewDocs;
import dev.fp.contract.WorldKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges what the shell read for a plan: the sealed pack ({@link PackCheck}), every required gate
 * ({@link GateVerifier}), and per intended output its engine files (a locator with a content digest) and its stream
 * view (receipt status OK and matching the view WSP will read: same stream_view_id, source_locator_digest,
 * output_id and granularity, all listed parts present, manifest naming the same stream_view_id). The most severe
 * class wins: FAIL, then CONFLICT, then WAITING. Pure.
 */
public final class EvidenceCheck {
  private EvidenceCheck() {
  }

  public static Evidence evaluate(WorldKey key, PackEvidence pack, List<GateMap.Gate> gates,
                                  List<GateEvidence> gateEvidence, List<OutputEvidence> outputs) {
    List<String> fail = new ArrayList<>();
    List<String> conflict = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    PackCheck.Verdict verdict = PackCheck.evaluate(pack, key);
    String failCode = verdict.ok() ? null : verdict.code();
    if (!verdict.ok()) {
      fail.add(verdict.code() + " " + verdict.detail());
    }
    List<Map<String, Object>> receipts = new ArrayList<>();
    for (int i = 0; i < gates.size(); i++) {
      GateResult r = GateVerifier.verify(gates.get(i), gateEvidence.get(i), key.manifestFingerprint());
      switch (r.status()) {
        case PASS -> receipts.add(r.receipt());
        case MISSING -> missing.add(r.detail());
        case CONFLICT -> conflict.add(r.detail());
        case FAIL -> {
          fail.add(SrCodes.GATE_FAIL + " " + r.detail());
          failCode = failCode == null ? SrCodes.GATE_FAIL : failCode;
        }
      }
    }
    List<Map<String, Object>> locators = new ArrayList<>();
    Map<String, String> views = new TreeMap<>();
    for (OutputEvidence o : outputs) {
      if (o.contentDigest().isEmpty()) {
        missing.add(o.outputId() + ": no engine files match " + o.pathRef());
      } else {
        locators.add(locator(o, key));
      }
      checkView(o, missing, conflict).ifPresent(ref -> views.put(o.outputId(), ref));
    }
    receipts.sort(Comparator.comparing(r -> String.valueOf(r.get("gate_id"))));
    locators.sort(Comparator.comparing(l -> String.valueOf(l.get("output_id"))));
    List<String> problems = new ArrayList<>();
    fail.forEach(p -> problems.add("fail: " + p));
    conflict.forEach(p -> problems.add("conflict: " + p));
    missing.forEach(p -> problems.add("missing: " + p));
    Evidence.Kind kind = !fail.isEmpty() ? Evidence.Kind.FAIL : !conflict.isEmpty() ? Evidence.Kind.CONFLICT
        : !missing.isEmpty() ? Evidence.Kind.WAITING : Evidence.Kind.COMPLETE;
    String reason = switch (kind) {
      case FAIL -> failCode;
      case CONFLICT -> SrCodes.EVIDENCE_CONFLICT;
      case WAITING -> SrCodes.EVIDENCE_WAITING;
      case COMPLETE -> null;
    };
    return new Evidence(kind, reason, List.copyOf(problems), locators, receipts, views, verdict);
  }

  /** {@code {output_id, path, content_digest{algo, hex}}} plus the pins its path template is partitioned by. */
  static Map<String, Object> locator(OutputEvidence o, WorldKey key) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("output_id", o.outputId());
    l.put("path", o.pathRef());
    l.put("content_digest", Map.of("algo", "sha256", "hex", o.contentDigest().orElseThrow()));
    String t = o.pathTemplate();
    putIf(l, t, "seed", key.seed());
    putIf(l, t, "parameter_hash", key.parameterHash());
    putIf(l, t, "manifest_fingerprint", key.manifestFingerprint());
    putIf(l, t, "scenario_id", key.scenarioId());
    putIf(l, t, "run_id", key.runId());
    return l;
  }

  private static void putIf(Map<String, Object> l, String template, String token, Object value) {
    if (template.contains("{" + token + "}")) {
      l.put(token, value);
    }
  }

  /** The stream view folder ref when the view is proven; problems recorded otherwise. */
  static Optional<String> checkView(OutputEvidence o, List<String> missing, List<String> conflict) {
    String id = o.outputId();
    if (o.receipt().isEmpty()) {
      missing.add(id + ": stream view receipt missing at " + o.receiptRef() + " (run the stream sort)");
      return Optional.empty();
    }
    if (o.expectedView() == null) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> receipt = JsonDoc.parse(o.receipt().get());
    if (receipt.isEmpty()) {
      conflict.add(id + ": " + o.receiptRef() + " is not JSON");
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>(StreamViewDocs.receiptProblems(o.expectedView(), receipt.get()));
    if (receipt.get().get("parts") instanceof List<?> parts) {
      parts.stream().map(String::valueOf).filter(p -> !o.viewFiles().contains(p))
          .forEach(p -> problems.add("part " + p + " missing"));
    }
    if (!problems.isEmpty()) {
      conflict.add(id + ": stream view receipt " + o.receiptRef() + " does not prove the view: " + problems);
      return Optional.empty();
    }
    if (o.manifest().isEmpty()) {
      missing.add(id + ": stream view manifest missing at " + o.manifestRef());
      return Optional.empty();
    }
    Object manifestViewId = JsonDoc.parse(o.manifest().get()).map(m -> m.get("stream_view_id")).orElse(null);
    if (!o.expectedView().streamViewId().equals(manifestViewId)) {
      conflict.add(id + ": " + o.manifestRef() + " names stream_view_id " + manifestViewId + ", expected "
          + o.expectedView().streamViewId());
      return Optional.empty();
    }
    return Optional.of(o.viewRef());
  }
}
