package dev.fp.obsgov.evidence.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The evidence-ref resolution corridor (reference case_ops_obs §5.3) up to the existence check: who may resolve, which
 * ref types, which refs, in which run, and where the ref lives. Denials in the reference's order, first one wins:
 * <ol>
 *   <li>actor not in the allowlist → {@code REF_ACCESS_DENIED};</li>
 *   <li>ref type not one of {@link #REF_TYPES} → {@code REF_TYPE_NOT_ALLOWED};</li>
 *   <li>empty ref, or an http(s) URL → {@code REF_INVALID};</li>
 *   <li>the run id is not a path segment of the ref → {@code REF_SCOPE_MISMATCH};</li>
 *   <li>a ref outside the platform's bucket, object store and local run folders → {@code REF_NOT_FOUND} (the shell
 *       gives the same code when the located object or file does not exist).</li>
 * </ol>
 * A ref is located as an object key of the bucket ({@code s3://<bucket>/<key>}, the object store's own URI form,
 * store-relative {@code <bucket>/<key>} or {@code platform_…/…}) or as a file under the local platform root. Pure.
 */
public final class EvidenceRefCorridor {
  public static final List<String> REF_TYPES = List.of("receipt_ref", "quarantine_ref", "reconciliation_ref",
      "audit_ref", "artifact_ref");
  public static final List<String> DEFAULT_ALLOWLIST = List.of("SYSTEM::platform_run_reporter",
      "svc:platform_run_reporter");
  private final Set<String> allowlist;
  private final String bucket;
  private final String storeUriPrefix;
  private final Path platformRoot;

  /** What is asked: who, why, and the ref. */
  public record Request(String actorId, String purpose, String refType, String refId, String platformRunId) {
  }

  /** The corridor's answer before the existence check. */
  public sealed interface Screened {
  }

  /** Refused with {@code reasonCode}; {@code detail} says why in words. */
  public record Denied(String reasonCode, String detail) implements Screened {
  }

  /** An object of the platform's bucket. */
  public record InStore(String key) implements Screened {
  }

  /** A file under the local platform root. */
  public record LocalFile(Path path) implements Screened {
  }

  /**
   * @param storeUriPrefix what the object store's URI of a key of {@code bucket} starts with ({@code uri(bucket, "")})
   * @param platformRoot   the local {@code runs/fraud-platform} folder
   */
  public EvidenceRefCorridor(Set<String> allowlist, String bucket, String storeUriPrefix, Path platformRoot) {
    this.allowlist = Set.copyOf(allowlist);
    this.bucket = bucket;
    this.storeUriPrefix = storeUriPrefix;
    this.platformRoot = platformRoot.toAbsolutePath().normalize();
  }

  public int allowlistSize() {
    return allowlist.size();
  }

  public Screened screen(Request r) {
    if (r.actorId() == null || !allowlist.contains(r.actorId().strip())) {
      return new Denied("REF_ACCESS_DENIED", "actor " + r.actorId() + " is not on the resolver allowlist");
    }
    String type = r.refType() == null ? "" : r.refType().strip().toLowerCase(Locale.ROOT);
    if (!REF_TYPES.contains(type)) {
      return new Denied("REF_TYPE_NOT_ALLOWED", "ref type " + r.refType() + " is not one of " + REF_TYPES);
    }
    String ref = r.refId() == null ? "" : r.refId().strip();
    String lower = ref.toLowerCase(Locale.ROOT);
    if (ref.isEmpty() || lower.startsWith("http://") || lower.startsWith("https://")) {
      return new Denied("REF_INVALID", ref.isEmpty() ? "empty ref" : "a URL is not an evidence ref: " + ref);
    }
    if (!List.of(ref.split("/")).contains(r.platformRunId())) {
      return new Denied("REF_SCOPE_MISMATCH", "run " + r.platformRunId() + " is not a path segment of " + ref);
    }
    return locate(ref);
  }

  /** A segment line ref ({@code …/part-000001.jsonl#L12}) is located as its segment. */
  private Screened locate(String fullRef) {
    int fragment = fullRef.indexOf('#');
    String ref = fragment < 0 ? fullRef : fullRef.substring(0, fragment);
    if (ref.startsWith("s3://")) {
      String rest = ref.substring("s3://".length());
      return rest.startsWith(bucket + "/") ? key(rest.substring(bucket.length() + 1), ref)
          : new Denied("REF_NOT_FOUND", "not in bucket " + bucket + ": " + ref);
    }
    if (!storeUriPrefix.isEmpty() && ref.startsWith(storeUriPrefix)) {
      return key(ref.substring(storeUriPrefix.length()), ref);
    }
    if (ref.startsWith(bucket + "/")) {
      return key(ref.substring(bucket.length() + 1), ref);
    }
    if (ref.startsWith("platform_")) {
      return key(ref, ref);
    }
    Path file = Path.of(ref).toAbsolutePath().normalize();
    return file.startsWith(platformRoot) ? new LocalFile(file)
        : new Denied("REF_NOT_FOUND", "outside the object store and " + platformRoot + ": " + ref);
  }

  /** A key that climbs out of its prefix is no key of the run. */
  private static Screened key(String key, String ref) {
    return List.of(key.split("/")).contains("..") ? new Denied("REF_INVALID", "'..' in " + ref) : new InStore(key);
  }
}
