package dev.fp.app;

import dev.fp.caselabels.cm.CaseManagement;
import dev.fp.caselabels.ct.CaseTrigger;
import dev.fp.control.wsp.WspVerticle;
import dev.fp.ingress.ig.IgVerticle;
import dev.fp.obsgov.ObsGov;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.PackSpec;
import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.stream.Projector;
import dev.fp.platform.stream.ServiceMember;
import dev.fp.caselabels.ls.LabelStore;
import dev.fp.rtdl.al.ActionLayer;
import dev.fp.rtdl.aw.ArchiveWriter;
import dev.fp.rtdl.csfb.ContextStoreFlowBinding;
import dev.fp.rtdl.df.DecisionFabric;
import dev.fp.rtdl.dl.DegradeLadder;
import dev.fp.rtdl.dla.DecisionLogAudit;
import dev.fp.rtdl.ieg.IdentityEntityGraph;
import dev.fp.rtdl.ofp.OnlineFeaturePlane;
import dev.fp.world.core.OutputSpec;
import dev.fp.world.core.TruthProjection;

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
    return List.of(
        ArchiveWriter.projector(services),
        IdentityEntityGraph.projector(services),
        OnlineFeaturePlane.projector(services),
        ContextStoreFlowBinding.projector(services));
  }

  /** The members of the decision lane that decide from the traffic: P9 holds them to the P7 end offsets. */
  public static List<Projector> decisionLaneDeciders(PlatformServices services) {
    return List.of(DecisionFabric.projector(services, run -> OracleReadyPhase.plan(run).localRoot()
        .resolve(OutputSpec.folder6B(TruthProjection.FLOW_TRUTH))));
  }

  /** The members of the decision lane that follow the rtdl topic: P9 holds them to its end once the deciders are done. */
  public static List<Projector> decisionLaneFollowers(PlatformServices services) {
    return List.of(ActionLayer.projector(services), DecisionLogAudit.projector(services));
  }

  /** The members of the case plane that follow the rtdl topic (CT): P10 holds them to its end, final after P9. */
  public static List<Projector> caseLabelsDeciders(PlatformServices services) {
    return List.of(CaseTrigger.projector(services));
  }

  /** The members of the case plane that follow the case topic (CM): P10 holds them to its end once CT is done. */
  public static List<Projector> caseLabelsFollowers(PlatformServices services) {
    return List.of(CaseManagement.projector(services));
  }

  /** The members of the case plane that serve requests without consuming a topic (LS). */
  public static List<ServiceMember> caseLabelsServices(PlatformServices services) {
    return List.of(LabelStore.member(services));
  }

  /**
   * The case_labels pack's processes: its services first (LS answers CM's label writes, so it is up before CM reads
   * its first trigger — otherwise a resume's first labels go PENDING until the retry), then its consumers.
   */
  private static List<ProcessSpec> caseLabels(PlatformServices services) {
    List<ProcessSpec> out = new java.util.ArrayList<>();
    caseLabelsServices(services).forEach(s -> out.add(s.process()));
    caseLabelsDeciders(services).forEach(p -> out.add(p.process()));
    caseLabelsFollowers(services).forEach(p -> out.add(p.process()));
    return out;
  }

  /** The Degrade Ladder (a timer, not a consumer) and the lane's stream components. */
  private static List<ProcessSpec> decisionLane(PlatformServices services) {
    List<ProcessSpec> out = new java.util.ArrayList<>();
    out.add(DegradeLadder.process(services));
    decisionLaneDeciders(services).forEach(p -> out.add(p.process()));
    decisionLaneFollowers(services).forEach(p -> out.add(p.process()));
    return out;
  }

  private static List<ProcessSpec> processes(String pack, PlatformServices services) {
    return switch (pack) {
      case "rtdl_core" -> rtdlCore(services).stream().map(Projector::process).toList();
      case "rtdl_decision_lane" -> decisionLane(services);
      case "case_labels" -> caseLabels(services);
      case "control_ingress" -> List.of(ProcessSpec.of(IgVerticle.PROCESS_ID, () -> new IgVerticle(services)),
          ProcessSpec.of(WspVerticle.PROCESS_ID, () -> new WspVerticle(services, processIds(services))));
      case "obs_gov" -> ObsGov.processes(services);
      default -> List.of();
    };
  }
}
