package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, items 1–4, 6 and 7, at the HTTP level: bodies and requests an attacker sends get a precise 4xx (or a
 * QUARANTINE with a reason), nothing of them reaches the bus, and the gate keeps admitting afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IgHostileInputTest {
  static final String TOPIC = "fp.bus.traffic.fraud.v1";
  static final String MARK = "HOSTILE_MARK";
  IgHarness ig;
  int port;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ig = IgHarness.start(dir, Map.of("max_batch_size", 10), substrateYaml());
    port = ig.runtime.http().actualPort();
  }

  @AfterAll
  void stop() throws Exception {
    ig.close();
    afterClose();
  }

  /** The {@code substrate:} section of the harness ("" = embedded); the parity subclass names S3, Kinesis, PostgreSQL. */
  protected String substrateYaml() {
    return "";
  }

  protected void afterClose() throws Exception {
  }

  @AfterEach
  void nothingThrewUnhandledOnAnEventLoop() {
    assertThat(IgHarness.UNHANDLED).as("unhandled exceptions on Vert.x contexts").isEmpty();
  }

  static Map<String, Object> event() {
    return IgSamples.traffic(IgAdmissionHttpTest.id(), (long) (Math.random() * 1e9), 0);
  }

  /** The JSON text of an event whose {@code field} (top level) is replaced by the raw JSON {@code rawValue}. */
  static String withRaw(String field, String rawValue) {
    Map<String, Object> e = event();
    e.put(field, MARK);
    return Json.encode(e).replace("\"" + MARK + "\"", rawValue);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  void assertAdmits() throws Exception {
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, utf8(Json.encode(event()))));
    assertThat(a.status()).as("a normal push afterwards: " + a.body()).isEqualTo(200);
    assertThat(new JsonObject(a.body()).getString("decision")).isEqualTo("ADMIT");
  }

  @Test
  void loneSurrogateInEventIdIsRefusedAndDoesNotWedgeTheGate() throws Exception {
    int before = ig.records(TOPIC).size();
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY,
        utf8(withRaw("event_id", "\"ab\\ud800cd\""))));
    assertThat(a.status()).as("answered at all: " + a.head()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("INVALID_UNICODE");
    assertThat(new JsonObject(a.body()).getString("detail"))
        .isEqualTo("$.event_id: holds an unpaired surrogate \\ud800 at index 2");
    assertAdmits();
    assertAdmits();
    assertThat(ig.records(TOPIC)).hasSize(before + 2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "trace_id       | \"t\\udc00\"                     | $.trace_id: holds an unpaired surrogate \\udc00 at index 1",
      "payload        | {\"flow_id\":1,\"x\":[\"\\ud83d\"]} | $.payload.x[0]: holds an unpaired surrogate \\ud83d at index 0",
      "payload        | {\"k\\udfff\":1}                  | a key holds an unpaired low surrogate in field name: 0xdfff at line 1, column 599",
      "event_id       | \"a\\u0000b\"                     | $.event_id: holds U+0000 at index 1"})
  void loneSurrogatesAndNulAnywhereAreRefusedNamingTheirPath(String field, String raw, String detail) throws Exception {
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, utf8(withRaw(field, raw))));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("INVALID_UNICODE");
    assertThat(new JsonObject(a.body()).getString("detail")).isEqualTo(detail);
  }

  @Test
  void aBatchRefusesOnlyTheItemWithALoneSurrogate() throws Exception {
    String bad = withRaw("event_id", "\"ab\\ud800cd\"");
    String body = "[" + Json.encode(event()) + "," + bad + "," + Json.encode(event()) + "]";
    HttpResponse<String> r = ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray results = new JsonObject(r.body()).getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("decision")).isEqualTo("ADMIT");
    assertThat(results.getJsonObject(1).getInteger("status")).isEqualTo(400);
    assertThat(results.getJsonObject(1).getString("error")).isEqualTo("INVALID_UNICODE");
    assertThat(results.getJsonObject(2).getString("decision")).isEqualTo("ADMIT");
  }

  @Test
  void aNumberBeyondTheDoubleRangeIsRefusedNotTurnedIntoInfinity() throws Exception {
    Map<String, Object> e = event();
    @SuppressWarnings("unchecked") Map<String, Object> payload = (Map<String, Object>) e.get("payload");
    payload.put("amount", MARK);
    String body = Json.encode(e).replace("\"" + MARK + "\"", "1e999");
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, utf8(body)));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("NUMBER_OUT_OF_RANGE");
    assertThat(new JsonObject(a.body()).getString("detail")).startsWith("$.payload.amount:");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "overlong slash          | C0 AF       | malformed UTF-8 at byte",
      "truncated sequence      | E2 82       | malformed UTF-8 at byte",
      "UTF-8-encoded surrogate | ED A0 80    | malformed UTF-8 at byte",
      "above U+10FFFF          | F4 90 80 80 | malformed UTF-8 at byte"})
  void malformedUtf8InABodyIsRefusedAndNothingIsAdmitted(String name, String hex, String detail) throws Exception {
    int before = ig.records(TOPIC).size();
    byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
    String[] halves = withRaw("event_id", "\"ab" + MARK + "cd\"").split(MARK);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(utf8(halves[0]));
    body.writeBytes(bad);
    body.writeBytes(utf8(halves[1]));
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, body.toByteArray()));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("BODY_NOT_UTF8");
    assertThat(new JsonObject(a.body()).getString("detail")).contains(detail);
    assertThat(ig.records(TOPIC)).hasSize(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "byte-order mark   | BOM        | BODY_NOT_JSON",
      "duplicate key     | DUP        | DUPLICATE_KEY",
      "NaN token         | NAN        | BODY_NOT_JSON",
      "2000-digit number | LONGNUMBER | NUMBER_TOO_LONG"})
  void bodiesParsersDisagreeOnGetAPreciseCode(String name, String kind, String code) throws Exception {
    String body = switch (kind) {
      case "BOM" -> "\uFEFF" + Json.encode(event());
      case "DUP" -> "{\"event_id\":\"a\",\"event_id\":\"b\"}";
      case "NAN" -> withRaw("seed", "NaN");
      default -> withRaw("seed", "1".repeat(2000));
    };
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, utf8(body)));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo(code);
  }

  @Test
  void aUtf16BodyIsRefusedNotGuessedAt() throws Exception {
    byte[] utf16 = Json.encode(event()).getBytes(StandardCharsets.UTF_16BE);
    RawHttp.Answer a = RawHttp.send(port, RawHttp.post(IgRoutes.PUSH, IgHarness.WSP_KEY, utf16));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("BODY_NOT_JSON");
    assertThat(new JsonObject(a.body()).getString("detail")).isEqualTo("a NUL byte at byte 0 (JSON text is UTF-8)");
  }

  @Test
  void aPublishThatThrowsIsAnsweredAmbiguousAndReleasesThePublishLane() throws Exception {
    ig.log.next(FaultyEventLog.Fault.THROW, 1);
    JsonObject first = ig.push(IgHarness.WSP_KEY, event());
    assertThat(first.getInteger("_status")).isEqualTo(200);
    assertThat(first.getString("decision")).isEqualTo("QUARANTINE");
    assertThat(first.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("PUBLISH_AMBIGUOUS");
    assertAdmits();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "second 60  | ts_utc         | 2026-01-01T23:59:60.000000Z | second 60 outside 00..59",
      "year 0000  | ts_utc         | 0000-01-01T00:00:01.000000Z | year 0000 outside 0001..9999",
      "month 13   | ts_utc         | 2026-13-01T00:00:01.000000Z | month 13 outside 01..12",
      "Feb 30     | ts_utc         | 2026-02-30T00:00:01.000000Z | day 30 outside 01..28 for 2026-02",
      "hour 24    | ts_utc         | 2026-01-01T24:00:00.000000Z | hour 24 outside 00..23",
      "day 00     | ts_utc         | 2026-01-00T00:00:01.000000Z | day 00 outside 01..31 for 2026-01",
      "emitted_at | emitted_at_utc | 2026-06-31T00:00:01.000000Z | day 31 outside 01..30 for 2026-06"})
  void timestampsThatAreNotInstantsAreQuarantinedBeforeTheBus(String name, String field, String ts, String why)
      throws Exception {
    int before = ig.records(TOPIC).size();
    Map<String, Object> e = event();
    e.put(field, ts);
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    assertThat(r.getString("decision")).isEqualTo("QUARANTINE");
    assertThat(r.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("ENVELOPE_INVALID");
    JsonObject q = new JsonObject(ig.get(IgRoutes.LOOKUP + "?event_id=" + e.get("event_id"), IgHarness.OPERATOR_KEY)
        .body()).getJsonArray("quarantines").getJsonObject(0);
    assertThat(q.getString("reason_detail")).isEqualTo(field + ":ENVELOPE_FIELD_RANGE (not a calendar instant: "
        + why + ")");
    assertThat(ig.records(TOPIC)).hasSize(before);
  }

  @Test
  void aPayloadTimestampThatIsNotAnInstantIsQuarantinedBeforeTheBus() throws Exception {
    int before = ig.records(TOPIC).size();
    Map<String, Object> e = event();
    @SuppressWarnings("unchecked") Map<String, Object> payload = (Map<String, Object>) e.get("payload");
    payload.put("ts_utc", "2026-01-01T23:59:60.000000Z");
    JsonObject r = ig.push(IgHarness.WSP_KEY, e);
    assertThat(r.getString("decision")).isEqualTo("QUARANTINE");
    assertThat(r.getJsonObject("receipt").getJsonArray("reason_codes").getString(0)).isEqualTo("SCHEMA_FAIL");
    assertThat(ig.records(TOPIC)).hasSize(before);
  }

  RawHttp.Answer get(String target) throws Exception {
    return RawHttp.send(port, RawHttp.request("GET " + target + " HTTP/1.1\nHost: t\nX-IG-Api-Key: "
        + IgHarness.WSP_KEY + "\nConnection: close\n", new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/v1/ops/lookup?event_id=%zz   | BAD_QUERY_ENCODING",
      "/v1/ops/lookup?event_id=%C0%AF | BAD_QUERY_ENCODING",
      "/v1/ops/lookup?event_id=ab%   | BAD_QUERY_ENCODING",
      "/v1/ops/%zz                   | BAD_PATH_ENCODING",
      "/v1/ops/runs/%e2%82           | BAD_PATH_ENCODING"})
  void badPercentEncodingIs400NotInternalError(String target, String code) throws Exception {
    RawHttp.Answer a = get(target);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo(code);
    assertThat(get(IgRoutes.LOOKUP + "?event_id=%2Fok").status()).isEqualTo(200);
  }

  @Test
  void anHttp11RequestWithoutHostIs400NotInternalError() throws Exception {
    RawHttp.Answer a = RawHttp.send(port, RawHttp.request("GET " + IgRoutes.HEALTH + " HTTP/1.1\nX-IG-Api-Key: "
        + IgHarness.WSP_KEY + "\nConnection: close\n", new byte[0]));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("HOST_HEADER_MISSING");
    RawHttp.Answer push = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nX-IG-Api-Key: "
        + IgHarness.WSP_KEY + "\nContent-Length: 2\nConnection: close\n", utf8("{}")));
    assertThat(push.status()).isEqualTo(400);
    assertThat(push.error()).isEqualTo("HOST_HEADER_MISSING");
  }

  @Test
  void otherMalformedRequestsAre4xxNeverInternalError() throws Exception {
    String key = "\nX-IG-Api-Key: " + IgHarness.WSP_KEY + "\nConnection: close\n";
    assertThat(RawHttp.send(port, RawHttp.request("GET /livez HTTP/1.1\nHost: t\nX-Big: " + "a".repeat(20_000)
        + key, new byte[0])).status()).isEqualTo(431);
    assertThat(RawHttp.send(port, RawHttp.request("GET /livez?" + "a".repeat(10_000) + " HTTP/1.1\nHost: t" + key,
        new byte[0])).status()).isEqualTo(414);
    assertThat(RawHttp.send(port, RawHttp.request("BREW " + IgRoutes.PUSH + " HTTP/1.1\nHost: t" + key,
        new byte[0])).status()).isEqualTo(404);
    assertThat(RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\nContent-Length: x"
        + key, utf8("{}"))).status()).isEqualTo(400);
    assertThat(RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\nContent-Length: 2"
        + "\nContent-Length: 3" + key, utf8("{} "))).status()).isEqualTo(400);
    assertThat(RawHttp.send(port, utf8("\u0001\u0002 garbage\r\n\r\n")).status()).isEqualTo(400);
    RawHttp.Answer gzip = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\n"
        + "Content-Encoding: gzip\nContent-Length: 2" + key, utf8("{}")));
    assertThat(gzip.status()).isEqualTo(415);
    assertThat(gzip.error()).isEqualTo("CONTENT_ENCODING_UNSUPPORTED");
  }

  @Test
  void transferEncodingOtherThanChunkedIsRefusedNeverReadByLength() throws Exception {
    int before = ig.records(TOPIC).size();
    byte[] body = utf8(Json.encode(event()));
    RawHttp.Answer x = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\nX-IG-Api-Key: "
        + IgHarness.WSP_KEY + "\nTransfer-Encoding: xchunked\nContent-Length: " + body.length + "\n", body));
    assertThat(x.status()).isEqualTo(501);
    assertThat(x.error()).isEqualTo("TRANSFER_ENCODING_UNSUPPORTED");
    assertThat(x.closedByServer()).isTrue();
    RawHttp.Answer gzipChunked = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\n"
        + "X-IG-Api-Key: " + IgHarness.WSP_KEY + "\nTransfer-Encoding: gzip, chunked\n", chunked(body)));
    assertThat(gzipChunked.status()).isEqualTo(501);
    RawHttp.Answer http10 = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.0\nHost: t\n"
        + "X-IG-Api-Key: " + IgHarness.WSP_KEY + "\nTransfer-Encoding: chunked\nContent-Length: " + body.length + "\n",
        body));
    assertThat(http10.status()).isEqualTo(400);
    assertThat(http10.error()).isEqualTo("AMBIGUOUS_FRAMING");
    assertThat(ig.records(TOPIC)).hasSize(before);
  }

  @Test
  void aChunkedRequestWithAContentLengthIsReadAsChunkedAndItsConnectionClosed() throws Exception {
    byte[] body = utf8(Json.encode(event()));
    RawHttp.Answer a = RawHttp.send(port, RawHttp.request("POST " + IgRoutes.PUSH + " HTTP/1.1\nHost: t\nX-IG-Api-Key: "
        + IgHarness.WSP_KEY + "\nTransfer-Encoding: chunked\nContent-Length: 5\n", chunked(body)));
    assertThat(a.status()).isEqualTo(200);
    assertThat(new JsonObject(a.body()).getString("decision")).isEqualTo("ADMIT");
    assertThat(a.hasHeader("connection", "close")).isTrue();
    assertThat(a.closedByServer()).isTrue();
  }

  private static byte[] chunked(byte[] body) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes(utf8(Integer.toHexString(body.length) + "\r\n"));
    b.writeBytes(body);
    b.writeBytes(utf8("\r\n0\r\n\r\n"));
    return b.toByteArray();
  }

  @Test
  void anEmptyBatchAndOneOverTheLimitGetPreciseAnswers() throws Exception {
    HttpResponse<String> empty = ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, "[]");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(empty.body()).getJsonArray("results")).isEmpty();
    List<Map<String, Object>> eleven = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(event());
    }
    IgHttpErrorsTest.assertError(ig.post(IgRoutes.BATCH, IgHarness.WSP_KEY, Json.encode(eleven)), 413,
        "BATCH_TOO_LARGE");
  }
}
