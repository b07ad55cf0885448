package dev.fp.platform.stream;

import dev.fp.platform.pack.ProcessSpec;
import dev.fp.platform.supervisor.GateCheck;
import dev.fp.platform.supervisor.RunContext;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/**
 * A pack member that serves requests instead of consuming a topic (e.g. the Label Store behind its event-bus
 * address), as a phase gate sees it: the process to run, the folder of its health artifacts, and its own closeout
 * checks (durable evidence only). The consumer counterpart is {@link Projector}.
 *
 * @param name      the component's short name
 * @param directory the component folder under the run root ({@code label_store})
 */
public record ServiceMember(ProcessSpec process, String name, String directory,
                            Function<RunContext, Future<List<GateCheck>>> closeout) {
}
