package dev.fp.platform.supervisor;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.SubstrateBootstrap;
import dev.fp.platform.log.Logging;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P0 SUBSTRATE_READY: bootstrap buckets, topics and schema idempotently; the gate re-checks each. Commit evidence:
 * {@code runs/fraud-platform/operate/substrate/bootstrap_status.json} and the log line "substrate bootstrap
 * succeeded".
 */
public final class SubstrateReadyPhase implements PhaseHandler {
  private static final Logger LOG = Logging.component("supervisor");

  @Override
  public Phase phase() { return Phase.P0; }

  @Override
  public Future<String> enter(RunContext run) {
    SubstrateBootstrap bootstrap = new SubstrateBootstrap(run.substrate());
    Path evidence = statusFile(run);
    return bootstrap.bootstrap()
        .compose(v -> bootstrap.check())
        .compose(checks -> run.vertx().executeBlocking(() -> {
          boolean allUp = checks.stream().allMatch(GateCheck::pass);
          Map<String, Object> status = new LinkedHashMap<>();
          status.put("generated_at_utc", Timestamps.now(run.clock()));
          status.put("profile", run.config().profile());
          status.put("all_up", allUp);
          status.put("checks", checks);
          JsonFiles.write(evidence, status);
          if (allUp) {
            LOG.info(outcome(checks, evidence));
          } else {
            LOG.warn(outcome(checks, evidence));
          }
          return evidence.toString();
        }));
  }

  /**
   * The seed's P0 operator log line: "substrate bootstrap succeeded" only when every check passes (the substrate
   * status shows all up), else how many checks fail.
   */
  static String outcome(List<GateCheck> checks, Path evidence) {
    long failing = checks.stream().filter(c -> !c.pass()).count();
    return failing == 0 ? "substrate bootstrap succeeded (" + evidence + ")"
        : "substrate bootstrap incomplete: " + failing + " of " + checks.size() + " checks fail (" + evidence + ")";
  }

  @Override
  public Future<List<GateCheck>> gate(RunContext run) {
    return new SubstrateBootstrap(run.substrate()).check();
  }

  static Path statusFile(RunContext run) {
    return run.config().platformRoot().resolve("operate/substrate/bootstrap_status.json");
  }
}
