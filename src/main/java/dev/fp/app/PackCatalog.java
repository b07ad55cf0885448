package dev.fp.app;

import dev.fp.control.wsp.WspVerticle;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.Projector;
import dev.fp.rtdl.al.ActionLayer;
import dev.fp.rtdl.aw.ArchiveWriter;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.dl.DegradeLadder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The five Spine Green v0 packs ({@link PackSpec#NAMES}) and the component processes this build puts in them. A
 * component joins its pack when it exists; until then the pack has no process for it rather than a fake RUNNING one.
 */
public final class PackCatalog {
  private PackCatalog() {
  }

  /** The packs of this build, in start order, their processes built from the platform's services. */
  public static List<PackSpec> spineGreen(PlatformServices services) {
    return PackSpec.NAMES.stream().map(name -> new PackSpec(name, processes(name, services))).toList();
  }

  /** Pack name → the process ids it has in this build: what WSP's cross-pack gate expects to find running. */
  public static Function<String, List<String>> processIds(PlatformServices services) {
    Map<String, List<String>> byPack = new HashMap<>();
    for (PackSpec pack : spineGreen(services)) {
      byPack.put(pack.name(), pack.processes().stream().map(ProcessSpec::processId).toList());
    }
    return name -> byPack.getOrDefault(name, List.of());
  }

  /**
   * The stream components of the {@code rtdl_core} pack, one line each: the pack runs their processes and P8 waits
   * for each of them to catch up.
   */
  public static List<Projector> rtdlCore(PlatformServices services) {
    return List.of(ArchiveWriter.projector(services));
  }

  private static List<ProcessSpec> processes(String pack, PlatformServices services) {
    return switch (pack) {
      case "rtdl_core" -> rtdlCore(services).stream().map(Projector::process).toList();
      case "rtdl_decision_lane" -> List.of(DegradeLadder.process(services), DecisionFabric.process(services),
          ActionLayer.process(services));
      case "control_ingress" -> List.of(ProcessSpec.of(IgVerticle.PROCESS_ID, () -> new IgVerticle(services)),
          ProcessSpec.of(WspVerticle.PROCESS_ID, () -> new WspVerticle(services, processIds(services))));
      default -> List.of();
    };
  }
}
