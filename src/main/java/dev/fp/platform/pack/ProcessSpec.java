package dev.fp.platform.pack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One always-on process of a pack: a component verticle, built for the platform run the pack is started for, and how
 * to deploy it.
 */
public record ProcessSpec(String processId, Function<String, ? extends VerticleBase> factory,
                          DeploymentOptions options) {

  /** A process that serves every run (e.g. IG, WSP). */
  public static ProcessSpec of(String processId, Supplier<? extends VerticleBase> factory) {
    return new ProcessSpec(processId, run -> factory.get(), new DeploymentOptions());
  }

  /** A process that works for one run: {@code factory} gets the platform_run_id its pack is started for. */
  public static ProcessSpec forRun(String processId, Function<String, ? extends VerticleBase> factory) {
    return new ProcessSpec(processId, factory, new DeploymentOptions());
  }
}
