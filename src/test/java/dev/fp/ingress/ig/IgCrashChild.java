package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.IgSamples;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link IgCrashRecoveryTest}: starts the platform with IG in {@code args[0]}, arms
 * {@code FaultyEventLog.Fault args[1]} (a halt before or after the append) and pushes traffic event {@code args[2]};
 * the publish ends the process like {@code kill -9}, between publish and settle. Exits 0 only if it did not.
 */
public final class IgCrashChild {
  private IgCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    IgHarness ig = IgHarness.start(Path.of(args[0]), Map.of());
    ig.log.next(FaultyEventLog.Fault.valueOf(args[1]), 1);
    ig.push(IgHarness.WSP_KEY, IgSamples.traffic(args[2], 7, 0));
    System.exit(0);
  }
}
