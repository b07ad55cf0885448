package dev.fp.substrate.objectstore;

import io.vertx.core.Future;

import java.util.Optional;

/** What {@link AppendLoop} needs beyond the port: a read that returns content and its ETag as one snapshot. */
interface ConditionalStore extends ObjectStore {

  /** The object and the ETag of that very content, or empty when absent. */
  Future<Optional<VersionedObject>> getVersioned(String bucket, String key);
}
