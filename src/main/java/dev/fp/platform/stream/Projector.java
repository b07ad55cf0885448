package dev.fp.platform.stream;

import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/**
 * A stream component of the {@code rtdl_core} pack as P8 sees it: the process to run, the consumer group and topics
 * whose checkpoints must reach the P7 log ends, the folder of its health artifacts, and its own closeout checks
 * (e.g. AW: something archived; IEG: reconciliation present).
 *
 * @param name      the component's short name ({@link StreamComponent#name()}): its group is {@code <name>.v0::<run>}
 * @param directory the component folder under the run root
 * @param closeout  the component's extra exit-gate checks for a run (durable evidence only)
 */
public record Projector(ProcessSpec process, String name, String directory, List<String> topics,
                        Function<RunContext, Future<List<GateCheck>>> closeout) {
  public Projector {
    topics = List.copyOf(topics);
  }

  public String groupId(String platformRunId) {
    return StreamComponent.groupId(name, platformRunId);
  }
}
