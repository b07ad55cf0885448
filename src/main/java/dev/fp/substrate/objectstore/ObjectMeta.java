package dev.fp.substrate.objectstore;

import java.time.Instant;

/** What a store knows about one object. {@code etag} is opaque and changes whenever the content changes. */
public record ObjectMeta(String bucket, String key, long size, String etag, Instant lastModified) {
}
