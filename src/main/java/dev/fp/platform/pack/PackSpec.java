package dev.fp.platform.pack;

import java.util.List;

/** A named group of processes started and stopped together ({@code control_ingress}, {@code rtdl_core}, …). */
public record PackSpec(String name, List<ProcessSpec> processes) {
  /**
   * The five packs of Spine Green v0 (ARCHITECTURE §2), in start order (control_ingress last, as the seed's
   * parity-up). Which processes each holds is the composition root's business.
   */
  public static final List<String> NAMES =
      List.of("rtdl_core", "rtdl_decision_lane", "case_labels", "obs_gov", "control_ingress");

  public PackSpec {
    processes = List.copyOf(processes);
  }

  /** {@code <profile>_<pack>_v0}: on local_parity these are the seed's own pack ids. */
  public String packId(String profile) {
    return profile + "_" + name + "_v0";
  }
}
