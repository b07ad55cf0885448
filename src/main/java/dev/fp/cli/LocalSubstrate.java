package dev.fp.cli;

import dev.fp.platform.Substrate;
import dev.fp.platform.config.PlatformConfig;
import io.vertx.core.Vertx;

/**
 * A command's work against the loaded profile's substrate, in a Vert.x of its own, both closed when it returns:
 * {@link #inspect} for a command that only reads (nothing is created), {@link #open} for one that writes.
 */
final class LocalSubstrate {
  /** The command's work; returns its exit code. */
  @FunctionalInterface
  interface Work {
    int run(Vertx vertx, Substrate substrate) throws Exception;
  }

  private LocalSubstrate() {
  }

  static int inspect(PlatformConfig cfg, Work work) throws Exception {
    return with(cfg, false, work);
  }

  static int open(PlatformConfig cfg, Work work) throws Exception {
    return with(cfg, true, work);
  }

  private static int with(PlatformConfig cfg, boolean open, Work work) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Substrate substrate = Await.result(open ? Substrate.open(vertx, cfg) : Substrate.inspect(vertx, cfg), 60);
      try {
        return work.run(vertx, substrate);
      } finally {
        Await.result(substrate.close(), 30);
      }
    } finally {
      Await.result(vertx.close(), 30);
    }
  }
}
