package dev.fp.ingress.ig.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceDocTest {
  @TempDir
  Path dir;

  static List<IgBench.Phase> phases(int rate) {
    return List.of(new IgBench.Phase("batch", "IgLoad", new JsonObject().put("admitted_per_second", rate)
        .put("requests", 10).put("latency_ms", new JsonObject().put("p50", 1.5).put("p99", 9.0))));
  }

  @Test
  void shouldReplaceOnlyItsOwnProfileAndLeaveOtherSectionsAlone() throws Exception {
    Path file = dir.resolve("PERFORMANCE.md");
    Files.writeString(file, "# Performance\n\n## World\n\nworld numbers\n\n## Later\n\nlater numbers\n");
    PerformanceDoc.write(file, "embedded", "fp bench ig", "2 cores", "2026-01-01", phases(100));
    PerformanceDoc.write(file, "local_parity", "fp bench ig --profile local_parity", "2 cores", "2026-01-01", phases(7));
    PerformanceDoc.write(file, "embedded", "fp bench ig", "2 cores", "2026-01-02", phases(200));
    String doc = Files.readString(file);
    assertThat(doc).contains("## World\n\nworld numbers").contains("## Later\n\nlater numbers");
    assertThat(doc.split("## Ingestion Gate", -1)).hasSize(2);
    assertThat(doc).contains("| batch | IgLoad batches | 200 |").doesNotContain("| 100 |").contains("| 7 |");
    assertThat(doc.indexOf("### embedded")).isLessThan(doc.indexOf("### local_parity"));
    assertThat(doc).contains("2026-01-02").doesNotContain("2026-01-01\n\n| phase | load | admitted/s | requests | p50 ms | p90 ms | p99 ms | max ms | answers |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n| batch | IgLoad batches | 100");
  }

  @Test
  void shouldParseWrkOutput() {
    String out = """
        Running 20s test @ http://127.0.0.1:1/v1/ingest/push
          2 threads and 256 connections
          Latency Distribution
             50%    4.90ms
             75%  750.00us
             90%    1.20s
             99%   12.00ms
          58188 requests in 20.01s, 300.00MB read
          Non-2xx or 3xx responses: 5
        Requests/sec:   2895.12
        """;
    JsonObject r = Wrk.parse(out);
    assertThat(r.getLong("requests_per_second")).isEqualTo(2895L);
    assertThat(r.getLong("requests")).isEqualTo(58188L);
    assertThat(r.getLong("non_2xx")).isEqualTo(5L);
    assertThat(r.getJsonObject("latency_ms").getDouble("p50")).isEqualTo(4.9);
    assertThat(r.getJsonObject("latency_ms").getDouble("p75")).isEqualTo(0.75);
    assertThat(r.getJsonObject("latency_ms").getDouble("p90")).isEqualTo(1200.0);
  }

  @Test
  void shouldBuildValidUniqueEnvelopes() {
    JsonObject e = new JsonObject(BenchEnvelopes.envelope("ev-1", 77, "platform_20260101T000000Z"));
    assertThat(e.getString("event_id")).isEqualTo("ev-1");
    assertThat(e.getJsonObject("payload").getLong("flow_id")).isEqualTo(77L);
    assertThat(new io.vertx.core.json.JsonArray(BenchEnvelopes.batch("p-", 5, 3, "platform_20260101T000000Z")))
        .hasSize(3);
  }
}
