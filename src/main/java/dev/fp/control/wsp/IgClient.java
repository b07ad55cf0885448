package dev.fp.control.wsp;

import dev.fp.control.wsp.core.StreamEvent;
import dev.fp.control.wsp.core.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.List;

/**
 * WSP's HTTP client for IG (ARCHITECTURE §6): {@code POST /v1/ingest/batch} with a JSON array of envelopes, or
 * {@code POST /v1/ingest/push} with one, header {@code X-IG-Api-Key}. Non-blocking, keep-alive pool. One call is
 * one attempt: every outcome, a transport failure included, completes the future with an {@link IgAnswer}.
 */
final class IgClient {
  static final String API_KEY_HEADER = "X-IG-Api-Key";
  static final String BATCH_PATH = "/v1/ingest/batch";
  static final String PUSH_PATH = "/v1/ingest/push";

  private final WebClient client;
  private final WspConfig.Ig cfg;

  IgClient(Vertx vertx, WspConfig.Ig cfg) {
    this.cfg = cfg;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cfg.timeout().toMillis()))
        .setUserAgent("fraud-platform-wsp"), new PoolOptions().setHttp1MaxSize(cfg.poolSize()));
  }

  Future<IgAnswer> batch(List<StreamEvent> events) {
    return post(BATCH_PATH, WireJson.array(events), events.size());
  }

  Future<IgAnswer> push(StreamEvent event) {
    return post(PUSH_PATH, event.json(), 1);
  }

  private Future<IgAnswer> post(String path, String body, int items) {
    return client.postAbs(cfg.url() + path)
        .putHeader(API_KEY_HEADER, cfg.apiKey())
        .putHeader("content-type", "application/json")
        .timeout(cfg.timeout().toMillis())
        .sendBuffer(Buffer.buffer(body))
        .map(response -> answer(response, items))
        .otherwise(err -> IgAnswer.transport(err.getClass().getSimpleName() + ": " + err.getMessage()));
  }

  private static IgAnswer answer(HttpResponse<Buffer> r, int items) {
    return IgAnswer.http(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After"), items);
  }

  void close() {
    client.close();
  }
}
