package dev.fp.platform.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's side of the LS request/reply contract: request shapes, and a failed future when nobody answers. */
class LabelStoreClientTest {
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void shouldSendTheAssertionsAndTheQueriesInTheirDocumentedShape() throws Exception {
    vertx.eventBus().<JsonObject>consumer(LabelStoreClient.WRITE_ADDRESS, m -> m.reply(new JsonObject()
        .put("echo", m.body())));
    vertx.eventBus().<JsonObject>consumer(LabelStoreClient.QUERY_ADDRESS, m -> m.reply(m.body()));
    LabelStoreClient client = new LabelStoreClient(vertx);

    JsonObject written = await(client.write(List.of(Map.of("label_assertion_id", "x", "pins", Map.of("seed", 1)))));
    JsonObject timeline = await(client.timeline("platform_20260101T000000Z", "evt_1", null));
    JsonObject asOf = await(client.asOf("platform_20260101T000000Z", "evt_1", "fraud_disposition",
        "2026-01-01T00:00:01.000000Z"));

    assertThat(written.getJsonObject("echo").getJsonArray("assertions").getJsonObject(0)
        .getJsonObject("pins").getInteger("seed")).isEqualTo(1);
    assertThat(timeline.getString("query")).isEqualTo("timeline");
    assertThat(timeline.containsKey("label_type")).isTrue();
    assertThat(timeline.getString("label_type")).isNull();
    assertThat(asOf.getString("query")).isEqualTo("as_of");
    assertThat(asOf.getString("as_of")).isEqualTo("2026-01-01T00:00:01.000000Z");
    assertThat(asOf.getString("event_id")).isEqualTo("evt_1");
  }

  @Test
  void shouldFailTheFutureWhenNoLabelStoreAnswers() throws Exception {
    Throwable err = vertx.executeBlocking(() -> null).compose(v -> new LabelStoreClient(vertx, 500)
        .write(List.of())).toCompletionStage().handle((r, e) -> e).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(err).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) err).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
