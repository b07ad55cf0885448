package dev.fp.platform.http;

import dev.fp.contract.StrictUtf8;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.log.Logging;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP server refuses before routing, so no handler ever sees it:
 * <ul>
 *   <li>slow requests: a connection must complete its request line and headers within {@code header_read_timeout_ms},
 *       a body within {@code body_read_timeout_ms} after its headers, and on a kept-alive connection the next request
 *       line and headers within {@code idle_timeout_ms} + {@code header_read_timeout_ms} after the previous body;
 *       otherwise it is closed (slowloris and slow-body attacks hold connections and buffers for nothing). A silent
 *       connection is closed sooner by the server's idle timeout;</li>
 *   <li>framing a proxy could read differently (request smuggling): any Transfer-Encoding other than a single
 *       {@code chunked} is 501 TRANSFER_ENCODING_UNSUPPORTED (Netty would read such a body by its Content-Length, or
 *       not at all), Transfer-Encoding with a visible Content-Length (HTTP/1.0) is 400 AMBIGUOUS_FRAMING. On HTTP/1.1
 *       Netty drops the Content-Length of a {@code chunked} request before we see it (the body is read as chunked,
 *       never by length), so the connection of every chunked request is closed after its response, as RFC 9112 §6.3
 *       requires when both were sent (our clients send Content-Length; chunked uploads are rare);</li>
 *   <li>a Content-Encoding other than {@code identity}: 415 CONTENT_ENCODING_UNSUPPORTED (bodies are not
 *       decompressed; a gzip body would otherwise be parsed as text);</li>
 *   <li>a path or query string whose percent-escapes are broken ({@code %zz}, a trailing {@code %}) or decode to
 *       bytes that are not UTF-8: 400 BAD_PATH_ENCODING / BAD_QUERY_ENCODING (Vert.x Web would fail such a request
 *       with a bare 500 or 400 deep inside a handler).</li>
 * </ul>
 * A refused request is answered {@code {"error", "detail"}} with {@code Connection: close}, and its connection is
 * closed: the bytes after its headers cannot be trusted as the start of another request. State lives on the server's
 * event loop (one verticle instance).
 */
final class ConnectionGuard {
  private static final Logger LOG = Logging.component("ops");
  private final Vertx vertx;
  private final PlatformConfig.HttpConfig http;
  /** Open connections and their one read deadline (a newer deadline replaces the older). */
  private final Map<HttpConnection, Deadline> connections = new HashMap<>();
  private long generations;

  private static final class Deadline {
    long timer = -1;
    long generation;
  }

  ConnectionGuard(Vertx vertx, PlatformConfig.HttpConfig http) {
    this.vertx = vertx;
    this.http = http;
  }

  void onConnection(HttpConnection conn) {
    connections.put(conn, new Deadline());
    arm(conn, http.headerReadTimeoutMs(), "request line and headers");
    conn.closeHandler(v -> {
      Deadline d = connections.remove(conn);
      if (d != null) {
        vertx.cancelTimer(d.timer);
      }
    });
  }

  /** True when the request may be routed; otherwise it was answered and its connection is being closed. */
  boolean admit(HttpServerRequest req) {
    HttpConnection conn = req.connection();
    disarm(conn);
    String[] refusal = refusal(req);
    if (refusal != null) {
      refuse(req, Integer.parseInt(refusal[0]), refusal[1], refusal[2]);
      return false;
    }
    if (req.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      req.response().putHeader(HttpHeaders.CONNECTION, "close").endHandler(v -> conn.close());
    }
    long body = arm(conn, http.bodyReadTimeoutMs(), "request body");
    req.end().onComplete(ar -> {
      Deadline d = connections.get(conn);
      if (d != null && d.generation == body) {
        arm(conn, http.idleTimeoutMs() + http.headerReadTimeoutMs(), "next request line and headers");
      }
    });
    return true;
  }

  /** {status, code, detail} of a request refused for its framing or encoding, or null. */
  static String[] refusal(HttpServerRequest req) {
    List<String> te = req.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
    if (!te.isEmpty()) {
      if (te.size() != 1 || !"chunked".equalsIgnoreCase(te.get(0).trim())) {
        return new String[] {"501", "TRANSFER_ENCODING_UNSUPPORTED",
            "Transfer-Encoding " + te + " is not supported; only a single chunked"};
      }
      if (req.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        return new String[] {"400", "AMBIGUOUS_FRAMING", "Transfer-Encoding together with Content-Length"};
      }
    }
    String uri = req.uri();
    int q = uri.indexOf('?');
    String pathProblem = percentProblem(q < 0 ? uri : uri.substring(0, q));
    if (pathProblem != null) {
      return new String[] {"400", "BAD_PATH_ENCODING", "the path " + pathProblem};
    }
    String queryProblem = q < 0 ? null : percentProblem(uri.substring(q + 1));
    if (queryProblem != null) {
      return new String[] {"400", "BAD_QUERY_ENCODING", "the query string " + queryProblem};
    }
    String ce = req.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (ce != null && !"identity".equalsIgnoreCase(ce.trim())) {
      return new String[] {"415", "CONTENT_ENCODING_UNSUPPORTED",
          "Content-Encoding " + ce + " is not supported; send the body uncompressed"};
    }
    return null;
  }

  /** Why a percent-encoded string does not decode to UTF-8 text, or null. */
  static String percentProblem(String s) {
    if (s.indexOf('%') < 0) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
      if (lo < 0) {
        return "has a broken percent-escape at index " + i;
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    byte[] decoded = bytes.toByteArray();
    int bad = StrictUtf8.firstMalformed(decoded);
    return bad < 0 ? null : "does not decode to UTF-8: " + StrictUtf8.describe(decoded, bad);
  }

  private static void refuse(HttpServerRequest req, int status, String code, String detail) {
    HttpConnection conn = req.connection();
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(new JsonObject().put("error", code).put("detail", detail).encode())
        .onComplete(ar -> conn.close());
  }

  /** Arms the connection's deadline (replacing any other); returns its generation, or -1 for a closed connection. */
  private long arm(HttpConnection conn, long timeoutMs, String what) {
    Deadline d = connections.get(conn);
    if (d == null) {
      return -1;
    }
    vertx.cancelTimer(d.timer);
    long generation = ++generations;
    d.generation = generation;
    d.timer = vertx.setTimer(timeoutMs, t -> {
      if (d.generation == generation) {
        d.timer = -1;
        LOG.debug("HTTP connection from {} closed: {} not read within {} ms", conn.remoteAddress(), what, timeoutMs);
        conn.close();
      }
    });
    return generation;
  }

  private void disarm(HttpConnection conn) {
    Deadline d = connections.get(conn);
    if (d != null && d.timer >= 0) {
      vertx.cancelTimer(d.timer);
      d.timer = -1;
    }
  }
}
