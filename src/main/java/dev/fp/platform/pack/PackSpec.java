package dev.fp.platform.pack;

import java.util.List;

/** A named group of processes started and stopped together ({@code control_ingress}, {@code rtdl_core}, …). */
public record PackSpec(String name, List<ProcessSpec> processes) {
  public PackSpec {
    processes = List.copyOf(processes);
  }

  /** {@code <profile>_<pack>_v0}: on local_parity these are the seed's own pack ids. */
  public String packId(String profile) {
    return profile + "_" + name + "_v0";
  }
}
