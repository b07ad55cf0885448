package dev.fp.platform.stream.core;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's durable counters for one run (name → value, sorted), as stored in the shell's counters row: loaded at
 * start, advanced by each committed batch's deltas. Immutable.
 */
public record Counters(Map<String, Long> values) {
  public Counters {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Every name at 0. */
  public static Counters zero(Collection<String> names) {
    Map<String, Long> m = new TreeMap<>();
    names.forEach(n -> m.put(n, 0L));
    return new Counters(m);
  }

  /** This row plus {@code deltas} (new names start at 0). */
  public Counters plus(Map<String, Long> deltas) {
    Map<String, Long> m = new TreeMap<>(values);
    deltas.forEach((k, d) -> m.merge(k, d, Long::sum));
    return new Counters(m);
  }

  /** The counter's value, 0 when it was never counted. */
  public long get(String name) {
    return values.getOrDefault(name, 0L);
  }
}
