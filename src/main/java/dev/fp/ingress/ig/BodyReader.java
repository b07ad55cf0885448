package dev.fp.ingress.ig;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, after authentication (the platform body handler would have to run first):
 * a declared Content-Length over the limit fails at once, a streamed body is counted and dropped past the limit.
 * Fails with {@link IgRejection} 413 BODY_TOO_LARGE. Call synchronously from the route handler that received the
 * request, before any asynchronous step, so no chunk is missed.
 */
final class BodyReader {
  private BodyReader() {
  }

  static Future<Buffer> read(HttpServerRequest req, long limit) {
    String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    long length = declared == null ? -1 : parse(declared);
    if (length > limit) {
      return Future.failedFuture(tooLarge(limit));
    }
    Promise<Buffer> body = Promise.promise();
    Buffer buf = Buffer.buffer(length > 0 ? (int) length : 4096);
    long[] seen = {0};
    req.handler(chunk -> {
      seen[0] += chunk.length();
      if (seen[0] <= limit) {
        buf.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(body::tryFail);
    req.endHandler(v -> {
      if (seen[0] > limit) {
        body.tryFail(tooLarge(limit));
      } else {
        body.tryComplete(buf);
      }
    });
    req.resume();
    return body.future();
  }

  private static long parse(String declared) {
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static IgRejection tooLarge(long limit) {
    return new IgRejection(413, "BODY_TOO_LARGE", "request body over " + limit + " bytes", 0);
  }
}
