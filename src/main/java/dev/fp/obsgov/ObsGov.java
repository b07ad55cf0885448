package dev.fp.obsgov;

import dev.fp.obsgov.governance.GovernanceWriterVerticle;
import dev.fp.obsgov.report.ReporterWorkerVerticle;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.ProcessSpec;

import java.util.List;

/**
 * The Obs/Gov plane to its pack ({@code obs_gov}): the process's one governance writer, and the run's reporter worker
 * (which holds the run's reporter lock while it runs). Conformance has no daemon of its own: the reporter computes it
 * into the closure bundle, its only writer.
 */
public final class ObsGov {
  private ObsGov() {
  }

  public static List<ProcessSpec> processes(PlatformServices services) {
    return List.of(ProcessSpec.of(GovernanceWriterVerticle.PROCESS_ID, () -> new GovernanceWriterVerticle(services.substrate(),
        services.clock())),
        ProcessSpec.forRun(ReporterWorkerVerticle.PROCESS_ID, run -> new ReporterWorkerVerticle(services, run)));
  }
}
