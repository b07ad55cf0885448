package dev.fp.platform.stream;

import dev.fp.platform.stream.core.KeyRequests;
import dev.fp.platform.stream.core.ProcessorContext;
import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.platform.stream.core.StreamRecord;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A {@link Tally} whose records keyed {@code wait} need something from outside: its enricher attaches {@code READY}
 * or {@code WAIT} (from {@code ready}), and the core holds a waiting record — the shape of a join that waits for
 * context.
 */
final class Waiting implements StreamProcessor<String> {
  static final long RETRY_MS = 30;
  private final Tally tally = new Tally();

  /** {@code waits} counts the WAIT answers, so a test sees the held record read again. */
  static StreamComponent<String> component(BooleanSupplier ready, AtomicInteger waits) {
    Enricher enricher = (records, reads) -> {
      Map<StreamRecord, Object> out = new HashMap<>();
      for (StreamRecord r : records) {
        boolean wait = "wait".equals(r.payload().get("key")) && !ready.getAsBoolean();
        if (wait) {
          waits.incrementAndGet();
        }
        out.put(r, wait ? "WAIT" : "READY");
      }
      return Future.succeededFuture(out);
    };
    StreamComponent<String> base = Tally.component((effects, batch) -> Future.succeededFuture());
    return new StreamComponent<>("waiting", "waiting_worker", "waiting", base.topics(), base.tables(),
        List.of(Tally.APPLIED), new Waiting(), base.effects(), "waiting_effect_failures_total", base.artifacts(),
        enricher, false);
  }

  @Override
  public void prefetch(StreamRecord r, KeyRequests keys) {
    tally.prefetch(r, keys);
  }

  @Override
  public void apply(StreamRecord r, ProcessorContext<String> ctx) {
    if ("WAIT".equals(ctx.enrichment(r))) {
      ctx.hold(r, RETRY_MS, "waiting for its context");
      return;
    }
    tally.apply(r, ctx);
  }
}
