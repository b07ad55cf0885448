package dev.fp.oracle;

import dev.fp.contract.JsonDoc;
import dev.fp.contract.OracleException;
import dev.fp.contract.OutputMode;
import dev.fp.contract.StreamViewDocs;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStoreConfig;
import dev.fp.substrate.objectstore.ObjectStores;
import dev.fp.world.TestWorlds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * P3 end to end through the object-store port: sync a local world to {@code s3://oracle-store/...}, pack, sort the
 * fraud mode's outputs, pass the exit gate; re-runs skip; a tampered receipt fails only its output until that
 * output's prefix is reset. Runs on the embedded store; {@code OracleP3S3Test} runs it against S3Mock.
 */
class OracleP3Test {
  @TempDir
  Path temp;

  protected Vertx vertx;
  protected ObjectStore store;

  protected ObjectStoreConfig storeConfig() {
    return new ObjectStoreConfig("fs", temp.resolve("objects"), null, 5, 50);
  }

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = ObjectStores.create(vertx, storeConfig());
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void shouldPrepareEveryRequiredOutputAndPassTheExitGate() throws Exception {
    P3Request request = request();
    try (OracleP3 p3 = new OracleP3(vertx, store, OracleFixtures.CLOCK)) {
      P3Result first = await(p3.run(request));
      assertThat(first.allReady()).isTrue();
      assertThat(first.outputs()).extracting(P3Result.OutputResult::status).containsOnly("SORTED");
      List<GateCheck> gate = await(p3.checkGate(request));
      assertThat(gate).hasSize(1 + 3 * 4).allSatisfy(c -> assertThat(c.pass()).as(c.name()).isTrue());
      assertThat(gate.get(0).evidence()).startsWith("s3://oracle-store/").endsWith("_SEALED.json");

      P3Result second = await(p3.run(request));
      assertThat(second.outputs()).extracting(P3Result.OutputResult::status).containsOnly("SKIPPED");
      assertThat(second.oraclePackId()).isEqualTo(first.oraclePackId());
    }
  }

  @Test
  void shouldFailOnlyTheTamperedOutputUntilItsPrefixIsReset() throws Exception {
    P3Request request = request();
    String traffic = "s3_event_stream_with_fraud_6B";
    try (OracleP3 p3 = new OracleP3(vertx, store, OracleFixtures.CLOCK)) {
      await(p3.run(request));
      String key = request.engineRunRoot().substring("s3://oracle-store/".length()) + "/stream_view/ts_utc/"
          + SortJob.outputPrefix(traffic) + StreamViewDocs.RECEIPT;
      Map<String, Object> receipt = new LinkedHashMap<>(JsonDoc.parse(await(store.get("oracle-store", key))
          .getBytes()).orElseThrow());
      receipt.put("status", "FAILED");
      await(store.put("oracle-store", key, Buffer.buffer(JsonDoc.write(receipt))));

      P3Result broken = await(p3.run(request));
      assertThat(broken.allReady()).isFalse();
      P3Result.OutputResult failed = broken.outputs().stream().filter(o -> o.outputId().equals(traffic))
          .findFirst().orElseThrow();
      assertThat(failed.code()).isEqualTo("STREAM_RECEIPT_MISMATCH");
      assertThat(failed.remedy()).contains("output_id=" + traffic);
      assertThat(await(p3.checkGate(request))).filteredOn(c -> !c.pass()).extracting(GateCheck::name)
          .containsExactly("oracle.stream_view." + traffic + ".receipt");

      assertThat(await(p3.resetOutput(request, traffic))).isGreaterThan(2);
      P3Result retried = await(p3.run(request.withOutputIds(List.of(traffic))));
      assertThat(retried.outputs()).extracting(P3Result.OutputResult::status).containsExactly("SORTED");
    }
  }

  @Test
  void shouldFailTheRunWhenThePackDisagrees() throws Exception {
    P3Request request = request();
    try (OracleP3 p3 = new OracleP3(vertx, store, OracleFixtures.CLOCK)) {
      await(p3.run(request));
      P3Request other = new P3Request(null, request.engineRunRoot(), request.scenarioId(), "another-release",
          null, null, request.outputIds(), request.sort());
      Throwable failure = p3.run(other).toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).get(60, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOfSatisfying(OracleException.class,
          e -> assertThat(e.code()).isEqualTo("MANIFEST_MISMATCH"));
    }
  }

  private P3Request request() {
    Path world = TestWorlds.world(TestWorlds.SMALL);
    return new P3Request(world.toString(), "s3://oracle-store/worlds/" + UUID.randomUUID(), "baseline_v1",
        "fp-world-1", null, null, OutputMode.FRAUD.requiredOutputs(), OracleFixtures.sortSettings(temp.resolve("t")));
  }
}
