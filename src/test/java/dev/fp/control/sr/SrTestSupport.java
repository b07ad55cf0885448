package dev.fp.control.sr;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.Topics;
import dev.fp.control.sr.core.SrKeys;
import dev.fp.substrate.eventlog.LogRecord;
import dev.fp.substrate.eventlog.Position;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.fp.testing.Await.await;

/** Reads of what SR left behind, for assertions. */
final class SrTestSupport {
  static final String KEY = "parity_20260210T091951Z";
  static final String RUN_ID = "7e0847b8622533045c5b69bce61c88bd";
  static final SrKeys KEYS = new SrKeys(SrFixture.RUN, RUN_ID);

  private SrTestSupport() {
  }

  static Optional<byte[]> bytes(SrFixture fx, String key) throws Exception {
    if (await(fx.substrate.objectStore().head(SrKeys.BUCKET, key)).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(await(fx.substrate.objectStore().get(SrKeys.BUCKET, key)).getBytes());
  }

  static Map<String, Object> object(SrFixture fx, String key) throws Exception {
    return JsonDoc.parse(bytes(fx, key).orElseThrow(() -> new AssertionError("no object " + key))).orElseThrow();
  }

  static void overwrite(SrFixture fx, String key, Map<String, Object> doc) throws Exception {
    await(fx.substrate.objectStore().put(SrKeys.BUCKET, key, Buffer.buffer(JsonDoc.write(doc))));
  }

  /** Every record on sr-control-bus (one partition on the embedded profile). */
  static List<Map<String, Object>> controlMessages(SrFixture fx) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    int partitions = await(fx.substrate.eventLog().partitions(Topics.SR_CONTROL_BUS));
    for (int p = 0; p < partitions; p++) {
      for (LogRecord r : await(fx.substrate.eventLog().read(Topics.SR_CONTROL_BUS, p, Position.trimHorizon(), 1000))
          .records()) {
        out.add(JsonDoc.parse(r.data().getBytes(StandardCharsets.UTF_8)).orElseThrow());
      }
    }
    return out;
  }

  /** The run record's event kinds, in order. */
  static List<String> recordKinds(SrFixture fx) throws Exception {
    String text = new String(bytes(fx, KEYS.record()).orElse(new byte[0]), StandardCharsets.UTF_8);
    return text.lines().map(l -> String.valueOf(JsonDoc.parse(l.getBytes(StandardCharsets.UTF_8)).orElseThrow()
        .get("event_kind"))).toList();
  }
}
