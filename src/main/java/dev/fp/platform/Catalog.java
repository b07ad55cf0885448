package dev.fp.platform;

import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.supervisor.PhaseHandler;
import dev.fp.platform.supervisor.PhaseStore;

import java.util.List;

/**
 * What a build runs: its packs, with the component processes in them, and its phase handlers. The composition root
 * ({@code dev.fp.app}) supplies it, so the kernel starts, probes and stops packs and drives phases without naming a
 * component. A phase without a handler is reported as not yet available.
 */
public interface Catalog {

  /** No packs and no phase handlers: for tools and tests that deploy the one component they exercise themselves. */
  Catalog NONE = new Catalog() {
    @Override
    public List<PackSpec> packs(PlatformServices services) {
      return List.of();
    }

    @Override
    public List<PhaseHandler> phases(PhaseStore store, PlatformRuntime rt) {
      return List.of();
    }
  };

  /** The packs in start order, their processes built from the platform's services when deployed. */
  List<PackSpec> packs(PlatformServices services);

  /** The phase handlers of one run, recording into {@code store}. */
  List<PhaseHandler> phases(PhaseStore store, PlatformRuntime rt);
}
