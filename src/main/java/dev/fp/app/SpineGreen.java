package dev.fp.app;

import dev.fp.caselabels.cm.CaseQueries;
import dev.fp.obsgov.ObsGovApi;
import dev.fp.ops.RunsApi;
import dev.fp.platform.Catalog;
import dev.fp.platform.PlatformRuntime;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.RunService;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseStore;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;

/**
 * The composition root of Spine Green v0: the one place that names components. It hands the kernel this build's
 * packs ({@link PackCatalog}) and phase handlers ({@link PhaseCatalog}), and mounts the operator API of
 * {@code dev.fp.ops} on the platform's HTTP server. Only {@code Main} and {@code dev.fp.cli} import this package;
 * adding a component is its package plus a line in a catalog here.
 */
public final class SpineGreen implements Catalog {

  /** Starts a platform process that runs this build's packs and phases. */
  public static Future<PlatformRuntime> start(PlatformConfig cfg, Clock clock) {
    return PlatformRuntime.start(cfg, clock, new SpineGreen());
  }

  /**
   * Mounts the operator run API ({@code /v1/ops/runs}) for {@code runs}, loading the key file on a worker, and serves
   * the case queries its case routes ask.
   */
  public static Future<Void> mountOperatorApi(PlatformRuntime rt, RunService runs) {
    return RunsApi.mount(rt, runs).compose(v -> ObsGovApi.mount(rt))
        .compose(v -> CaseQueries.register(rt.vertx(), () -> rt.substrate().stateStore()).completion());
  }

  @Override
  public List<PackSpec> packs(PlatformServices services) {
    return PackCatalog.spineGreen(services);
  }

  @Override
  public List<PhaseHandler> phases(PhaseStore store, PlatformRuntime rt) {
    return PhaseCatalog.handlers(store, rt);
  }
}
