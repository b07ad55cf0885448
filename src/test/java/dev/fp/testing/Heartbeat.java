package dev.fp.testing;

import dev.fp.platform.PlatformServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;

/**
 * A pack process that writes to its run's scope as long as it runs: every {@link #PERIOD_MS} it rewrites
 * {@code <run>/heartbeat/beat.txt} and the object {@code fraud-platform/<run>/heartbeat/beat}. Its stop cancels the
 * timer and waits for the write in flight, so once it is undeployed nothing of it writes again.
 */
public final class Heartbeat extends VerticleBase {
  public static final long PERIOD_MS = 5;
  private final PlatformServices services;
  private final String runId;
  private long timer = -1;
  private long beats;
  private Future<?> inFlight = Future.succeededFuture();

  public Heartbeat(PlatformServices services, String runId) {
    this.services = services;
    this.runId = runId;
  }

  @Override
  public Future<?> start() {
    Path file = services.config().platformRoot().resolve(runId).resolve("heartbeat/beat.txt");
    return vertx.fileSystem().mkdirs(file.getParent().toString()).onSuccess(v ->
        timer = vertx.setPeriodic(PERIOD_MS, t -> {
          if (!inFlight.isComplete()) {
            return;
          }
          Buffer beat = Buffer.buffer(String.valueOf(++beats));
          inFlight = vertx.fileSystem().writeFile(file.toString(), beat)
              .compose(x -> services.substrate().objectStore().put("fraud-platform", runId + "/heartbeat/beat", beat));
        }));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return inFlight.otherwiseEmpty();
  }
}
