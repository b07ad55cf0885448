package dev.fp.platform.stream;

import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The test component as a pack process: all a component verticle on the shell needs to be. */
final class TallyVerticle extends VerticleBase implements Readiness {
  private final PlatformServices services;
  private final String platformRunId;
  private StreamShell<String> shell;

  TallyVerticle(PlatformServices services, String platformRunId) {
    this.services = services;
    this.platformRunId = platformRunId;
  }

  @Override
  public Future<?> start() {
    return StreamShell.start(services, Tally.component((effects, batch) -> Future.succeededFuture()), platformRunId,
        StreamShellContractTest.FAST).onSuccess(s -> shell = s);
  }

  @Override
  public Future<?> stop() {
    return shell == null ? Future.succeededFuture() : shell.stop();
  }

  @Override
  public Future<Result> readiness() {
    return shell == null ? Future.succeededFuture(new Result(false, "not_started")) : shell.readiness();
  }
}
