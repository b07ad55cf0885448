package dev.fp.platform.evidence;

import java.util.Locale;

/**
 * How evidence records are laid out in the object store (ARCHITECTURE §6): {@code OBJECT} = one object per record at
 * {@code <prefix>/<id>.json} (the reference paths), {@code SEGMENT} (the default on both profiles) = records appended
 * as JSONL lines to write-once segment objects {@code <prefix>/segments/part-000123.jsonl}, located through an index
 * in the StateStore.
 */
public enum EvidenceLayout {
  OBJECT, SEGMENT;

  /** Parses {@code object} or {@code segment} (case-insensitive). */
  public static EvidenceLayout of(String name) {
    return valueOf(name.strip().toUpperCase(Locale.ROOT));
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
