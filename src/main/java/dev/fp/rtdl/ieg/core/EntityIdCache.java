package dev.fp.rtdl.ieg.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The entity ids of the identifiers seen lately under one scope: a merchant, device or party recurs in many records
 * of a run, and its id ({@link EntityIds#entityId}, a SHA-256) was most of IEG's examination cost. Bounded: cleared
 * when the scope changes or it holds {@link #MAX} ids. Not thread-safe: one per processor, used on its event loop.
 */
final class EntityIdCache {
  static final int MAX = 100_000;
  private final Map<IdentityHint, String> ids = new HashMap<>();
  private String scope;

  String entityId(IdentityHint hint, String scope) {
    if (!scope.equals(this.scope)) {
      ids.clear();
      this.scope = scope;
    }
    String id = ids.get(hint);
    if (id == null) {
      if (ids.size() >= MAX) {
        ids.clear();
      }
      id = EntityIds.entityId(hint, scope);
      ids.put(hint, id);
    }
    return id;
  }
}
