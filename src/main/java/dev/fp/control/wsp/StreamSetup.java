package dev.fp.control.wsp;

import dev.fp.control.wsp.core.OutputPlan;
import dev.fp.control.wsp.core.StreamPins;

import java.util.List;

/**
 * Everything one READY streams with, resolved by {@link StreamPreflight}: the engine root, envelope pins (whose
 * {@code packKey} also scopes the checkpoints), the outputs in stream order with their views, and the run's cap and
 * speed-up.
 */
record StreamSetup(String engineRunRoot, StreamPins pins, OutputPlan plan, List<OutputView> views, long cap,
                   double speedup) {
  StreamSetup {
    views = List.copyOf(views);
  }
}
