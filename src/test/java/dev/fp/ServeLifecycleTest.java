package dev.fp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `fp up --serve` as its own JVM: probes and metrics answer, SIGTERM drains and exits, and the pack state on disk
 * says the processes stopped.
 */
class ServeLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void shouldServeProbesAndMetricsThenDrainOnSigterm() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    dev.fp.testing.ConfDirs.withProfile(dir, "t", "profile: t\nruns_root: " + dir.resolve("runs") + "\nhttp:\n  port: "
        + port + "\n");
    // the probe body says why when not ready
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.fp.Main", "up", "--serve", "--profile", "t", "--config-dir", dir.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> ready = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try {
          ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
          if (ready.statusCode() == 200) {
            break;
          }
        } catch (java.io.IOException notYet) {
          // server still starting
        }
        Thread.sleep(200);
      }
      assertThat(ready).as(Files.readString(dir.resolve("out.log"))).isNotNull();
      assertThat(ready.statusCode()).as(ready.body() + "\n" + Files.readString(dir.resolve("out.log"))).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/livez")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).contains("live");
      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("fp_run_info{").contains("platform_run_id=\"platform_");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"error\":\"NOT_FOUND\",\"detail\":\"/nope\"}");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dir.resolve("out.log"));
      assertThat(log).contains("shutting down: readiness 503, draining packs").doesNotContain("Exception");
      assertThat(dir.resolve("runs/fraud-platform/operate/t_control_ingress_v0/state.json")).exists();
    } finally {
      p.destroyForcibly();
    }
  }
}
