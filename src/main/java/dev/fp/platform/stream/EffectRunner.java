package dev.fp.platform.stream;

import dev.fp.platform.stream.core.BatchWrites;
import io.vertx.core.Future;

import java.util.List;

/**
 * Runs a batch's external effects (evidence writes, publishes through IG) before the shell commits the batch
 * (rtdl_design §1 step 3). Effects must be idempotent by deterministic ids: a failed future — or a crash before the
 * commit — re-delivers the whole batch, so they run again. The runner may record what the effects returned into
 * {@code batch} (e.g. "IG answered DUPLICATE"), which commits with everything else.
 *
 * @param <E> the component's effect type
 */
@FunctionalInterface
public interface EffectRunner<E> {

  /** Runs on the shell's context; {@code effects} may be empty. */
  Future<Void> run(List<E> effects, BatchWrites batch);

  /** For components without external effects. */
  static <E> EffectRunner<E> none() {
    return (effects, batch) -> effects.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("this component has no effect runner, got " + effects.size()
            + " effect(s)"));
  }
}
