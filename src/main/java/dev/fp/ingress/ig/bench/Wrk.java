package dev.fp.ingress.ig.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single pushes at full speed through {@code wrk} (Debian package {@code wrk}): a Lua script posts a new envelope per
 * request (unique event id per thread and counter) with the API key; the summary is parsed from wrk's output.
 */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors: (.*)");
  private static final Pattern PCT = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private final Path dir;

  Wrk(Path dir) {
    this.dir = dir;
  }

  static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  JsonObject run(String url, String key, String run, int seconds, int connections)
      throws IOException, InterruptedException {
    Path script = dir.resolve("push.lua");
    Files.writeString(script, lua(key, run));
    int threads = 2;
    List<String> cmd = List.of("wrk", "-t" + threads, "-c" + Math.max(threads, connections), "-d" + seconds + "s",
        "--latency", "-s", script.toString(), url + "/v1/ingest/push");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return parse(out).put("command", String.join(" ", cmd.subList(0, 5)) + " -s push.lua <url>/v1/ingest/push");
  }

  static JsonObject parse(String out) {
    JsonObject r = new JsonObject().put("raw", out);
    Matcher m = RPS.matcher(out);
    if (m.find()) {
      r.put("requests_per_second", Math.round(Double.parseDouble(m.group(1))));
    }
    m = TOTAL.matcher(out);
    if (m.find()) {
      double t = Double.parseDouble(m.group(2));
      r.put("requests", Long.parseLong(m.group(1))).put("seconds", switch (m.group(3)) {
        case "ms" -> t / 1000;
        case "m" -> t * 60;
        default -> t;
      });
    }
    m = NON2XX.matcher(out);
    r.put("non_2xx", m.find() ? Long.parseLong(m.group(1)) : 0L);
    m = ERRORS.matcher(out);
    if (m.find()) {
      r.put("socket_errors", m.group(1).strip());
    }
    Map<String, Object> latency = new LinkedHashMap<>();
    m = PCT.matcher(out);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      double ms = switch (m.group(3)) {
        case "us" -> v / 1000;
        case "s" -> v * 1000;
        default -> v;
      };
      latency.put("p" + m.group(1), Math.round(ms * 1000) / 1000.0);
    }
    return r.put("latency_ms", new JsonObject(latency));
  }

  private static String lua(String key, String run) {
    List<String> lines = new ArrayList<>();
    lines.add("local threads = 0");
    lines.add("function setup(thread) threads = threads + 1; thread:set(\"tid\", threads) end");
    lines.add("local counter = 0");
    lines.add("local prefix");
    lines.add("local fmt = \"" + BenchEnvelopes.luaFormat(run) + "\"");
    lines.add("function init(args)");
    lines.add("  prefix = \"w-\" .. tostring(os.time()) .. \"-\" .. tostring(tid) .. \"-\"");
    lines.add("  wrk.method = \"POST\"");
    lines.add("  wrk.headers[\"Content-Type\"] = \"application/json\"");
    lines.add("  wrk.headers[\"X-IG-Api-Key\"] = \"" + key + "\"");
    lines.add("end");
    lines.add("function request()");
    lines.add("  counter = counter + 1");
    lines.add("  return wrk.format(nil, nil, nil, string.format(fmt, prefix .. counter, counter))");
    lines.add("end");
    return String.join("\n", lines) + "\n";
  }
}
