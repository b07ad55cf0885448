package dev.fp.control.wsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import static dev.fp.control.wsp.WspHarness.await;

class TmpLeaseTest {
  @TempDir Path dir;

  @Test
  void lease() throws Exception {
    try (WspHarness h = WspHarness.open(dir)) {
      var world = WorldFixture.write(h.substrate.objectStore(), dir, "cli", Map.of(dev.fp.contract.OutputIds.ARRIVAL_EVENTS, 4,
        dev.fp.contract.OutputIds.ARRIVAL_ENTITIES, 4, dev.fp.contract.OutputIds.FLOW_ANCHOR_FRAUD, 4, dev.fp.contract.OutputIds.TRAFFIC_FRAUD, 4), 1);
      String run = h.nextRun();
      h.pinRun(run);
      h.runOptions(run, 2, "fraud", 0);
      h.publishReady(run, "7e0847b8622533045c5b69bce61c88bd", run, world.engineRoot);
      java.nio.file.Path conf = dir.resolve("conf");
      java.nio.file.Path runs = dir.resolve("runs").toAbsolutePath();
      java.nio.file.Files.createDirectories(conf);
      java.nio.file.Files.writeString(conf.resolve("embedded.yaml"), String.join("\n",
        "profile: embedded",
        "runs_root: " + runs,
        "substrate:",
        "  objectstore: {kind: fs, root: " + runs.resolve("objects") + "}",
        "  eventlog: {kind: file, root: " + runs.resolve("bus") + ", fsync: false, partitions: 1}",
        "  sql: {kind: sqlite, path: " + runs.resolve("state/platform.db") + "}",
        "http: {host: 127.0.0.1, port: 0}",
        "components:",
        "  wsp: {required_packs: [], ig_url: '" + h.ig.url() + "', api_key: " + WspHarness.API_KEY
            + ", ready_poll_ms: 20, lease_ttl_seconds: 3}",
        ""));
      String run2 = h.nextRun();
      h.pinRun(run2);
      h.runOptions(run2, 2, "fraud", 0);
      h.publishReady(run2, "7e0847b8622533045c5b69bce61c88bd", run2, world.engineRoot);
      int code = new picocli.CommandLine(new dev.fp.cli.WspCommand()).execute("once", "--config-dir", conf.toString());
      System.out.println("CODE " + code);
      System.out.println("ROW8 " + rows(h));
    }
  }

  String rows(WspHarness h) throws Exception {
    var rs = await(h.substrate.db().query("SELECT holder, fencing_token, expires_at_ms FROM eb_consumer_leases", io.vertx.sqlclient.Tuple.tuple()));
    StringBuilder b = new StringBuilder();
    rs.forEach(r -> b.append(r.getString(0)).append(" ").append(r.getLong(1)).append(" ").append(r.getLong(2) - System.currentTimeMillis()).append("; "));
    return b.toString();
  }
}
