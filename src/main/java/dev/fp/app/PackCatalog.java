package dev.fp.app;

import dev.fp.control.wsp.WspVerticle;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;

import java.util.List;

/**
 * The five Spine Green v0 packs, in start order (control_ingress last, as the seed's parity-up). A component joins
 * its pack when it exists; until then the pack has no process for it rather than a fake RUNNING one.
 */
public final class PackCatalog {
  public static final List<String> PACK_NAMES =
      List.of("rtdl_core", "rtdl_decision_lane", "case_labels", "obs_gov", "control_ingress");

  private PackCatalog() {
  }

  /** The packs of this build, in start order, their processes built from the platform's services. */
  public static List<PackSpec> spineGreen(PlatformServices services) {
    return PACK_NAMES.stream().map(name -> new PackSpec(name, processes(name, services))).toList();
  }

  private static List<ProcessSpec> processes(String pack, PlatformServices services) {
    return switch (pack) {
      case "control_ingress" -> List.of(ProcessSpec.of(IgVerticle.PROCESS_ID, () -> new IgVerticle(services)),
          ProcessSpec.of(WspVerticle.PROCESS_ID, () -> new WspVerticle(services)));
      default -> List.of();
    };
  }
}
