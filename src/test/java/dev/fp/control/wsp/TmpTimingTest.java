package dev.fp.control.wsp;

import dev.fp.contract.OutputIds;
import dev.fp.control.wsp.core.*;
import dev.fp.control.wsp.store.CheckpointRow;
import dev.fp.oracle.store.Roots;
import dev.fp.substrate.eventlog.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.fp.control.wsp.WspHarness.await;

class TmpTimingTest {
  @TempDir Path dir;

  @Test
  void time() throws Exception {
    long a = System.nanoTime();
    try (WspHarness h = WspHarness.open(dir)) {
      System.out.println("harness ms: " + (System.nanoTime() - a) / 1e6);
      a = System.nanoTime();
      WorldFixture w = WorldFixture.write(h.substrate.objectStore(), dir, "w", Map.of(OutputIds.TRAFFIC_FRAUD, 50), 2);
      System.out.println("world ms: " + (System.nanoTime() - a) / 1e6);
      CheckpointStore cs = new CheckpointStore(h.substrate.db(), Clock.systemUTC());
      var lease = await(cs.acquire("g", "me", Duration.ofSeconds(30)));
      FencedWrites fw = new FencedWrites(h.substrate.db(), cs, () -> lease);
      CheckpointRow row = new CheckpointRow("s", "o", "r", "s", "p", Cursor.START, 1, "STREAMING", null, null, null);
      long t0 = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        await(fw.run("x", (tx, tok) -> h.store.saveCheckpoint(tx, row, tok)));
      }
      System.out.println("checkpoint ms each: " + (System.nanoTime() - t0) / 10e6);
      var root = Roots.open(w.engineRoot + "/stream_view/ts_utc/output_id=" + OutputIds.TRAFFIC_FRAUD, () -> h.substrate.objectStore());
      StreamPins pins = new StreamPins(WorldFixture.MF, WorldFixture.PH, 42, "baseline_v1", WorldFixture.ENGINE_RUN_ID, "platform_20260210T091951Z", "s", "p", null);
      t0 = System.nanoTime();
      List<StreamEvent> ev = await(h.vertx.executeBlocking(() -> {
        StreamViewSource src = new StreamViewSource(root, List.of("part-000000.parquet", "part-000001.parquet"), Cursor.START,
          OutputIds.TRAFFIC_FRAUD, OutputIds.primaryKey(OutputIds.TRAFFIC_FRAUD), new EnvelopeBuilder(pins), Lanes.SINGLE);
        List<StreamEvent> all = src.read(50);
        src.close();
        return all;
      }));
      System.out.println("read 50 ms: " + (System.nanoTime() - t0) / 1e6 + " n=" + ev.size());
      t0 = System.nanoTime();
      ev = await(h.vertx.executeBlocking(() -> {
        StreamViewSource src = new StreamViewSource(root, List.of("part-000000.parquet", "part-000001.parquet"), Cursor.START,
          OutputIds.TRAFFIC_FRAUD, OutputIds.primaryKey(OutputIds.TRAFFIC_FRAUD), new EnvelopeBuilder(pins), Lanes.SINGLE);
        List<StreamEvent> all = src.read(50);
        src.close();
        return all;
      }));
      System.out.println("read 50 again ms: " + (System.nanoTime() - t0) / 1e6 + " n=" + ev.size());
      String key = "worlds/w/stream_view/ts_utc/output_id=" + OutputIds.TRAFFIC_FRAUD + "/part-000000.parquet";
      t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) await(h.substrate.objectStore().head("oracle-store", key));
      System.out.println("head ms each: " + (System.nanoTime() - t0) / 20e6);
      t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) await(h.substrate.objectStore().getRange("oracle-store", key, 0, 100));
      System.out.println("getRange ms each: " + (System.nanoTime() - t0) / 20e6);
      t0 = System.nanoTime();
      SessionLog sl = new SessionLog(h.vertx, h.platformRoot(), Clock.systemUTC(), WspInstance.LOG);
      for (int i = 0; i < 10; i++) await(sl.append("platform_20260210T091951Z", "x", Map.of()));
      System.out.println("session append ms each: " + (System.nanoTime() - t0) / 10e6);
    }
  }
}
