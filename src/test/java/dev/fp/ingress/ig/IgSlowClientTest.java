package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import io.vertx.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 5, with raw sockets: connections that dribble their headers or body, or say nothing, are closed within
 * the configured bounds ({@code http.header_read_timeout_ms}, {@code body_read_timeout_ms}, {@code idle_timeout_ms}),
 * and the gate keeps serving normal requests meanwhile.
 */
class IgSlowClientTest {
  static final int HEADER_MS = 500;
  static final int BODY_MS = 700;
  /** Longer than the header and body bounds plus slack: those tests cannot pass through the idle timeout. */
  static final int IDLE_MS = 3_000;
  /** How long after its bound a connection may take to be seen closed (timer, scheduling, the polling below). */
  static final long SLACK_MS = 2_000;
  @TempDir
  static Path dir;
  static IgHarness ig;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    ig = IgHarness.start(dir, Map.of(), "", Map.of("header_read_timeout_ms", HEADER_MS,
        "body_read_timeout_ms", BODY_MS, "idle_timeout_ms", IDLE_MS));
    port = ig.runtime.http().actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    ig.close();
  }

  @Test
  void twoHundredConnectionsDribblingHeadersAreClosedWithinTheBound() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(1);
        s.getOutputStream().write("POST /v1/ingest/push HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.US_ASCII));
        sockets.add(s);
      }
      long start = System.nanoTime();
      List<Socket> open = new ArrayList<>(sockets);
      while (!open.isEmpty() && elapsedMs(start) < HEADER_MS + SLACK_MS) {
        open.removeIf(IgSlowClientTest::dribbleAndCheckClosed);
        assertThat(ig.get("/livez", null).statusCode()).as("normal requests are still served").isEqualTo(200);
      }
      assertThat(open).as("connections still open after %d ms", HEADER_MS + SLACK_MS).isEmpty();
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosedByTheHeaderBound() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      assertThat(closedWithin(s, HEADER_MS + SLACK_MS)).isTrue();
    }
  }

  @Test
  void aBodyDribbledSlowerThanItsBoundIsCut() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1);
      s.getOutputStream().write(("POST /v1/ingest/push HTTP/1.1\r\nHost: t\r\nX-IG-Api-Key: " + IgHarness.WSP_KEY
          + "\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      boolean closed = false;
      while (!closed && elapsedMs(start) < BODY_MS + SLACK_MS) {
        closed = dribbleAndCheckClosed(s);
      }
      assertThat(closed).isTrue();
    }
  }

  @Test
  void aKeptAliveConnectionLeftIdleIsClosed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      byte[] body = Json.encode(IgSamples.traffic(IgAdmissionHttpTest.id(), 7, 0)).getBytes(StandardCharsets.UTF_8);
      s.getOutputStream().write(("POST /v1/ingest/push HTTP/1.1\r\nHost: t\r\nX-IG-Api-Key: " + IgHarness.WSP_KEY
          + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(body);
      s.setSoTimeout(10_000);
      byte[] head = new byte[12];
      assertThat(s.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      assertThat(closedWithin(s, IDLE_MS + SLACK_MS)).isTrue();
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Writes one more byte and reports whether the server has closed the connection (EOF or reset). */
  private static boolean dribbleAndCheckClosed(Socket s) {
    try {
      OutputStream out = s.getOutputStream();
      out.write('X');
      out.flush();
      return s.getInputStream().read() == -1 || drained(s.getInputStream());
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Reads past whatever the server answered (it may answer before closing); true at EOF. */
  private static boolean drained(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    try {
      return in.read(buf) == -1;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Waits, reading, until the server closes the socket or {@code ms} pass. */
  private static boolean closedWithin(Socket s, long ms) throws IOException {
    long start = System.nanoTime();
    s.setSoTimeout(50);
    byte[] buf = new byte[4096];
    while (elapsedMs(start) < ms) {
      try {
        if (s.getInputStream().read(buf) == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }
}
