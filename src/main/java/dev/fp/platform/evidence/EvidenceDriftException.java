package dev.fp.platform.evidence;

/**
 * A record with this id already exists with different content: evidence is write-once, so the new content was not
 * written. {@link #existingRef()} locates the record that stays; callers whose contract is "first write wins" (IG
 * quarantine records, duplicate receipts) use it, everyone else treats the drift as an error.
 */
public final class EvidenceDriftException extends RuntimeException {
  private final String prefix;
  private final String id;
  private final String existingRef;

  public EvidenceDriftException(String prefix, String id, String existingRef) {
    super("evidence drift: " + prefix + "/" + id + " already exists with different content at " + existingRef);
    this.prefix = prefix;
    this.id = id;
    this.existingRef = existingRef;
  }

  public String prefix() { return prefix; }

  public String id() { return id; }

  public String existingRef() { return existingRef; }
}
