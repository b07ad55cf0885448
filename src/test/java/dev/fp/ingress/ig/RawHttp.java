package dev.fp.ingress.ig;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a raw socket, for requests no well-behaved client sends (missing Host, odd Transfer-Encoding, bytes
 * that are not UTF-8): writes the bytes as given, then reads until the server closes or goes quiet.
 */
final class RawHttp {
  /** What came back: status (0 if nothing), lower-cased head, body, and whether the server closed the socket. */
  record Answer(int status, String head, String body, boolean closedByServer) {
    String error() {
      return new JsonObject(body).getString("error");
    }

    boolean hasHeader(String name, String value) {
      return head.contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {
  }

  static Answer send(int port, byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(3000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean closed = readUntilQuiet(s.getInputStream(), out);
      return parse(out.toString(StandardCharsets.UTF_8), closed);
    }
  }

  static byte[] request(String head, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    b.writeBytes(body);
    return b.toByteArray();
  }

  /** A POST with a Content-Length, Host and API key. */
  static byte[] post(String path, String key, byte[] body) {
    return request("POST " + path + " HTTP/1.1\nHost: t\nX-IG-Api-Key: " + key + "\nContent-Length: " + body.length
        + "\nConnection: close\n", body);
  }

  private static boolean readUntilQuiet(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        out.write(buf, 0, n);
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static Answer parse(String raw, boolean closed) {
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/") || end < 0) {
      return new Answer(0, raw, "", closed);
    }
    int status = Integer.parseInt(raw.substring(9, 12));
    return new Answer(status, raw.substring(0, end).toLowerCase(Locale.ROOT), raw.substring(end + 4), closed);
  }
}
