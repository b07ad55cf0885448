package dev.fp.substrate.objectstore;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Listing by prefix across ListObjectsV2 pages, and bulk deletion of what was listed. */
final class S3Listing {
  /** The most keys S3 returns in one page or deletes in one DeleteObjects call. */
  static final int S3_MAX_KEYS = 1000;
  private final S3AsyncClient client;
  private final int pageSize;

  S3Listing(S3AsyncClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /** Every object under the prefix, following continuation tokens page by page. */
  CompletableFuture<List<S3Object>> list(String bucket, String prefix) {
    List<S3Object> objects = Collections.synchronizedList(new ArrayList<>());
    return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(pageSize))
        .contents()
        .subscribe(objects::add)
        .thenApply(done -> objects);
  }

  /** Deletes the objects in batches of at most 1000, one batch after another; a per-key error fails, naming the key. */
  CompletableFuture<Integer> delete(String bucket, List<S3Object> objects) {
    CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
    for (int from = 0; from < objects.size(); from += S3_MAX_KEYS) {
      List<ObjectIdentifier> batch = objects.subList(from, Math.min(objects.size(), from + S3_MAX_KEYS)).stream()
          .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
      chain = chain.thenCompose(count -> client.deleteObjects(b -> b.bucket(bucket)
              .delete(Delete.builder().objects(batch).quiet(false).build()))
          .thenApply(r -> count + deleted(bucket, r)));
    }
    return chain;
  }

  private static int deleted(String bucket, DeleteObjectsResponse response) {
    if (!response.errors().isEmpty()) {
      S3Error e = response.errors().get(0);
      throw new ObjectStoreException("deletePrefix", bucket, e.key(), e.code() + ": " + e.message(), null);
    }
    return response.deleted().size();
  }
}
