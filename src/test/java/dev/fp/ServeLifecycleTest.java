package dev.fp;

import dev.fp.testing.Await;
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
      try {
        Await.until(Duration.ofSeconds(60), "/readyz to answer 200", () -> {
          try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
          } catch (java.io.IOException notYet) {
            return false; // server still starting
          }
        });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + Files.readString(dir.resolve("out.log")), e);
      }
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
