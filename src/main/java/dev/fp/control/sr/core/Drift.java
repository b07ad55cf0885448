package dev.fp.control.sr.core;

import dev.fp.contract.CanonicalJson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Write-once drift check: which top-level fields of a stored artifact differ from the one this invocation would
 * write, compared in canonical JSON (so an integer read back as Integer equals the Long written), ignoring the
 * named volatile fields (timestamps).
 */
public final class Drift {
  private Drift() {
  }

  /** The differing field names, sorted; empty when the stored artifact is the same. */
  public static List<String> fields(Map<String, Object> stored, Map<String, Object> proposed, Set<String> ignored) {
    Set<String> keys = new TreeSet<>(stored.keySet());
    keys.addAll(proposed.keySet());
    keys.removeAll(ignored);
    return keys.stream().filter(k -> !same(stored.get(k), proposed.get(k))).toList();
  }

  private static boolean same(Object a, Object b) {
    return CanonicalJson.write(a).equals(CanonicalJson.write(b));
  }
}
