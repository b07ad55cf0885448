package dev.fp.substrate.objectstore;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Uploads one local file as a multipart object with the plain S3 API: create, parts of {@code partSize} bytes read
 * straight from the file one after another (bounded memory), complete. Any failure aborts the upload, so no
 * orphaned parts stay behind, and nothing is visible under the key until complete succeeds.
 */
final class S3MultipartUpload {
  private final S3AsyncClient client;
  private final String bucket;
  private final String key;
  private final Path file;
  private final long size;
  private final long partSize;

  S3MultipartUpload(S3AsyncClient client, String bucket, String key, Path file, long size, long partSize) {
    this.client = client;
    this.bucket = bucket;
    this.key = key;
    this.file = file;
    this.size = size;
    this.partSize = partSize;
  }

  CompletableFuture<CompleteMultipartUploadResponse> run() {
    return client.createMultipartUpload(b -> b.bucket(bucket).key(key))
        .thenCompose(created -> uploadParts(created.uploadId())
            .thenCompose(parts -> complete(created.uploadId(), parts))
            .handle((done, err) -> err == null ? CompletableFuture.completedFuture(done)
                : abort(created.uploadId(), err))
            .thenCompose(f -> f));
  }

  private CompletableFuture<List<CompletedPart>> uploadParts(String uploadId) {
    CompletableFuture<List<CompletedPart>> chain = CompletableFuture.completedFuture(new ArrayList<>());
    int parts = (int) ((size + partSize - 1) / partSize);
    for (int i = 1; i <= parts; i++) {
      int number = i;
      chain = chain.thenCompose(done -> uploadPart(uploadId, number).thenApply(part -> {
        done.add(part);
        return done;
      }));
    }
    return chain;
  }

  private CompletableFuture<CompletedPart> uploadPart(String uploadId, int number) {
    long offset = (number - 1) * partSize;
    long length = Math.min(partSize, size - offset);
    AsyncRequestBody body = AsyncRequestBody.fromFile(c -> c.path(file).position(offset).numBytesToRead(length));
    return client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
            body)
        .thenApply(r -> CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
  }

  private CompletableFuture<CompleteMultipartUploadResponse> complete(String uploadId, List<CompletedPart> parts) {
    return client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(parts)));
  }

  private CompletableFuture<CompleteMultipartUploadResponse> abort(String uploadId, Throwable cause) {
    return client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId))
        .handle((ignored, abortErr) -> {
          if (abortErr != null) {
            cause.addSuppressed(abortErr);
          }
          throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
  }
}
