package dev.fp.platform.stream;

import dev.fp.platform.stream.core.StreamProcessor;
import dev.fp.substrate.state.Table;

import java.util.List;
import java.util.function.Function;

/**
 * Everything a component hands the shell (see {@link StreamShell}): who it is, what it reads, its tables and
 * counters, its pure core, how its effects run and what its artifacts say.
 *
 * @param name            short name, the consumer group base and counters key ({@code aw} → group {@code aw.v0::<run>})
 * @param processId       pack process id, whose log the shell writes to ({@code archive_writer_worker})
 * @param directory       component folder under the run root ({@code archive_writer})
 * @param topics          topics consumed, every partition of each
 * @param tables          the StateStore tables the core reads and writes (created at start)
 * @param counterNames    the component's counters (reported as 0 until counted)
 * @param effectFailures  counter incremented (durably) each time the batch's effects fail
 * @param artifacts       health and files from the shell's status; called on the shell's context, must not block
 * @param enricher        fetches what the core needs beyond its own state, per batch, before apply
 *                        ({@link Enricher#none()} for most components)
 * @param storeBeforeEffects commit the batch's state mutations (no checkpoint, no counters) before its effects run,
 *                        then the checkpoint, counters and effect results after them: for a core whose effects carry
 *                        something it cannot derive again (a decision made on context that may differ next time),
 *                        so a re-delivered batch finds it stored and repeats it instead of deciding anew
 */
public record StreamComponent<E>(String name, String processId, String directory, List<String> topics,
                                 List<Table<?, ?>> tables, List<String> counterNames, StreamProcessor<E> processor,
                                 EffectRunner<E> effects, String effectFailures,
                                 Function<StreamStatus, Artifacts> artifacts, Enricher enricher,
                                 boolean storeBeforeEffects) {
  public StreamComponent {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("stream component " + name + " consumes no topic");
    }
    topics = List.copyOf(topics);
    tables = List.copyOf(tables);
    counterNames = List.copyOf(counterNames);
  }

  /** A component without an enricher. */
  public StreamComponent(String name, String processId, String directory, List<String> topics,
                         List<Table<?, ?>> tables, List<String> counterNames, StreamProcessor<E> processor,
                         EffectRunner<E> effects, String effectFailures, Function<StreamStatus, Artifacts> artifacts) {
    this(name, processId, directory, topics, tables, counterNames, processor, effects, effectFailures, artifacts,
        Enricher.none(), false);
  }

  /** This component with {@code enricher}. */
  public StreamComponent<E> withEnricher(Enricher e) {
    return new StreamComponent<>(name, processId, directory, topics, tables, counterNames, processor, effects,
        effectFailures, artifacts, e, storeBeforeEffects);
  }

  /** This component with its state mutations committed before its effects run (see {@code storeBeforeEffects}). */
  public StreamComponent<E> withStoreBeforeEffects() {
    return new StreamComponent<>(name, processId, directory, topics, tables, counterNames, processor, effects,
        effectFailures, artifacts, enricher, true);
  }

  /** {@code <name>.v0::<platform_run_id>}: state and checkpoints are per run (reference rtdl §0.5). */
  public static String groupId(String name, String platformRunId) {
    return name + ".v0::" + platformRunId;
  }

  public String groupId(String platformRunId) {
    return groupId(name, platformRunId);
  }
}
