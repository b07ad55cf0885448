package dev.fp.control.wsp;

import dev.fp.control.wsp.core.CheckpointScope;
import dev.fp.control.wsp.core.StopReason;
import dev.fp.control.wsp.core.WspFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams the outputs of one READY (control_ingress §4.6): up to {@code output_concurrency} outputs at a time,
 * started in stream order (context before traffic), each output strictly ordered on its own. The first failure or
 * interruption stops starting further outputs and interrupts the running ones, which checkpoint and end.
 */
final class WorldStreamer {
  /** Every output's outcome; outputs never started are absent. */
  record Outcome(List<OutputStreamer.Outcome> outputs, int planned) {
    long emitted() {
      return outputs.stream().mapToLong(OutputStreamer.Outcome::emitted).sum();
    }

    Optional<WspFailure> failure() {
      return outputs.stream().map(OutputStreamer.Outcome::failure).filter(f -> f != null).findFirst();
    }

    boolean interrupted() {
      return failure().isEmpty() && outputs.stream().anyMatch(o -> o.reason() == StopReason.INTERRUPTED);
    }

    boolean finished() {
      return outputs.size() == planned && outputs.stream().allMatch(o -> o.reason().finished());
    }
  }

  private final StreamDeps deps;
  private final Set<OutputStreamer> running = ConcurrentHashMap.newKeySet();
  private volatile boolean interrupted;

  WorldStreamer(StreamDeps deps) {
    this.deps = deps;
  }

  Future<Outcome> stream(StreamSetup setup) {
    WspConfig.Streaming s = deps.config().streaming();
    String scope = CheckpointScope.key(setup.pins().packKey(), setup.pins().platformRunId(),
        setup.pins().scenarioRunId(), s.lanes(), s.attemptId());
    int parallel = Math.max(1, Math.min(s.outputConcurrency(), setup.views().size()));
    ArrayDeque<OutputStreamer> queue = new ArrayDeque<>();
    setup.views().forEach(v -> queue.add(new OutputStreamer(deps, setup, v, scope, parallel)));
    Run run = new Run(queue, setup.views().size());
    for (int i = 0; i < parallel; i++) {
      run.launchNext();
    }
    return run.done.future();
  }

  /** Interrupts every running output; they checkpoint and end INTERRUPTED. */
  void interrupt() {
    interrupted = true;
    running.forEach(OutputStreamer::interrupt);
  }

  private final class Run {
    final ArrayDeque<OutputStreamer> queue;
    final List<OutputStreamer.Outcome> outcomes = new ArrayList<>();
    final Promise<Outcome> done = Promise.promise();
    final int planned;
    int active;
    boolean stopLaunching;

    Run(ArrayDeque<OutputStreamer> queue, int planned) {
      this.queue = queue;
      this.planned = planned;
    }

    void launchNext() {
      if (stopLaunching || interrupted || queue.isEmpty()) {
        if (active == 0) {
          done.tryComplete(new Outcome(List.copyOf(outcomes), planned));
        }
        return;
      }
      OutputStreamer out = queue.poll();
      active++;
      running.add(out);
      out.run().onComplete(ar -> {
        running.remove(out);
        active--;
        OutputStreamer.Outcome o = ar.succeeded() ? ar.result() : new OutputStreamer.Outcome(out.outputId(),
            StopReason.FAILED, 0, new WspFailure("STREAM_FAILED", String.valueOf(ar.cause())));
        outcomes.add(o);
        if (!o.reason().finished()) {
          stopLaunching = true;
          running.forEach(OutputStreamer::interrupt);
        }
        launchNext();
      });
    }
  }
}
