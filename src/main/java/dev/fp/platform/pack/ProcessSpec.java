package dev.fp.platform.pack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;

import java.util.function.Supplier;

/** One always-on process of a pack: a component verticle and how to deploy it. */
public record ProcessSpec(String processId, Supplier<? extends VerticleBase> factory, DeploymentOptions options) {

  public static ProcessSpec of(String processId, Supplier<? extends VerticleBase> factory) {
    return new ProcessSpec(processId, factory, new DeploymentOptions());
  }
}
