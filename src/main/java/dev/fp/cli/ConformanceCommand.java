package dev.fp.cli;

import dev.fp.contract.Json;
import dev.fp.obsgov.conformance.EnvironmentConformance;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fp conformance}: evaluates environment conformance for a run now and prints it; exits 0 on PASS, 3 on FAIL.
 * It writes nothing: {@code obs/environment_conformance.json} has one writer, the reporter.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = "Check both profiles and the running substrate for a run (prints; the reporter writes the file).")
public final class ConformanceCommand implements Callable<Integer> {
  @Mixin
  ProfileOptions profile;

  @Mixin
  RunOption run;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = profile.load();
    String runId = run.resolve(cfg);
    return LocalSubstrate.inspect(cfg, (vertx, substrate) -> {
      Map<String, Object> doc = Await.result(new EnvironmentConformance(vertx, substrate, Clock.systemUTC())
          .evaluate(runId), 120);
      if (profile.jsonOutput()) {
        System.out.println(Json.writePretty(doc));
      } else {
        System.out.println("environment conformance of " + runId + ": " + doc.get("status"));
        for (Object o : (List<?>) doc.get("checks")) {
          Map<?, ?> c = (Map<?, ?>) o;
          System.out.println("  " + c.get("status") + "  " + c.get("check_id")
              + ("PASS".equals(c.get("status")) ? "" : "  " + Json.write(c.get("details"))));
        }
      }
      return "PASS".equals(doc.get("status")) ? 0 : 3;
    });
  }
}
