package dev.fp.platform.pack;

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

  /** The packs of this build, in start order. */
  public static List<PackSpec> spineGreen() {
    return PACK_NAMES.stream().map(name -> new PackSpec(name, List.of())).toList();
  }
}
