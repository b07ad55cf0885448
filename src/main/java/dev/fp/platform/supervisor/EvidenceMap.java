package dev.fp.platform.supervisor;

import dev.fp.platform.FileTrees;
import dev.fp.platform.JsonFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every piece of a run's evidence is, for {@code fp run} and {@code GET /v1/ops/runs/{id}}: each phase's commit
 * evidence ref; the closure bundle the reporter listed in {@code run_completed.json} ({@code closure_refs}: report,
 * reconciliation, replay anchors, conformance, anomaly summary, governance log), each as its local path and its
 * object-store ref; and every component reconciliation file under the run root. Read from the files (blocking); a
 * run not yet closed has no closure entries.
 */
public final class EvidenceMap {
  /** The seed's closure file at the run root, written by the reporter at P11. */
  public static final String RUN_COMPLETED = "run_completed.json";

  private EvidenceMap() {
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path runRoot, Map<Phase, PhaseRecord> phases) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_root", runRoot.toAbsolutePath().toString());
    Map<String, Object> commits = new LinkedHashMap<>();
    new EnumMap<>(phases).values().stream().filter(r -> r.commitEvidenceRef() != null)
        .forEach(r -> commits.put(r.phase().label(), r.commitEvidenceRef()));
    out.put("phases", commits);
    Map<String, Object> closure = new LinkedHashMap<>();
    Path completed = runRoot.resolve(RUN_COMPLETED);
    if (Files.isRegularFile(completed) && JsonFiles.read(completed).get("closure_refs") instanceof Map<?, ?> refs) {
      String runDir = runRoot.getFileName() + "/";
      ((Map<String, Object>) refs).forEach((name, ref) -> {
        String stored = String.valueOf(ref);
        int at = stored.indexOf(runDir);
        closure.put(name.replaceAll("_ref$", ""), place(at < 0 ? null : runRoot.resolve(stored.substring(at
            + runDir.length())), stored));
        if ("run_report_ref".equals(name) && at >= 0) {
          closure.put("run_completed", place(completed, stored.substring(0, at + runDir.length()) + RUN_COMPLETED));
        }
      });
    }
    out.put("closure", closure);
    out.put("reconciliations", reconciliations(runRoot));
    return out;
  }

  /** The map as short lines for a terminal: label, then local path and object ref. */
  @SuppressWarnings("unchecked")
  public static List<String> lines(Map<String, Object> map) {
    List<String> out = new ArrayList<>();
    out.add("evidence:");
    out.add(String.format("  %-28s %s", "run root", map.get("run_root")));
    ((Map<String, Object>) map.get("phases")).forEach((phase, ref) -> out.add(String.format("  %-28s %s", phase,
        ref)));
    ((Map<String, Object>) map.get("closure")).forEach((name, place) -> {
      Map<String, Object> p = (Map<String, Object>) place;
      out.add(String.format("  %-28s %s%s", name, p.get("local") == null ? "" : p.get("local") + "  ",
          p.get("stored")));
    });
    for (Object r : (List<Object>) map.get("reconciliations")) {
      out.add(String.format("  %-28s %s", "component reconciliation", r));
    }
    return out;
  }

  private static Map<String, Object> place(Path local, String stored) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("local", local != null && Files.isRegularFile(local) ? local.toString() : null);
    p.put("stored", stored);
    return p;
  }

  /** {@code <component>/reconciliation/*.json} and {@code archive/reconciliation/*.json}, sorted. */
  private static List<String> reconciliations(Path runRoot) {
    if (!Files.isDirectory(runRoot)) {
      return List.of();
    }
    try {
      return FileTrees.regularFiles(runRoot, 3, p -> p.getParent().getFileName().toString().equals("reconciliation")
          && p.toString().endsWith(".json")).stream().map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("list reconciliations under " + runRoot, e);
    }
  }
}
