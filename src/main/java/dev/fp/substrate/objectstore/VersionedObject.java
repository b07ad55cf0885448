package dev.fp.substrate.objectstore;

import io.vertx.core.buffer.Buffer;

/** An object's content together with the ETag of exactly that content (what a conditional rewrite must match). */
record VersionedObject(Buffer content, String etag) {
}
