package dev.fp.platform;

import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.health.HealthArtifacts;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Clock;

/**
 * What the platform hands every component verticle when its pack deploys it: the substrate ports, the meter
 * registry, the shared HTTP router (components mount their routes on it and remove them on stop), the health
 * artifact writer and the wall clock. Components never build adapters themselves.
 */
public record PlatformServices(Vertx vertx, PlatformConfig config, Substrate substrate, Metrics metrics,
                               Router router, HealthArtifacts health, Clock clock) {
}
