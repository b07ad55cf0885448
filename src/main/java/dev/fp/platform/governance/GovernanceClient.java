package dev.fp.platform.governance;

import dev.fp.platform.VertxJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * How any component records a governance event without knowing who writes the log: a request over the Vert.x event
 * bus to the one governance writer of this process (the {@code obs_gov} pack's {@code governance_writer}). The writer
 * answers only once the event object exists and its {@code events.jsonl} line has landed; a failure is returned to
 * the caller, never swallowed. With no writer running the future fails with the event bus's NO_HANDLERS.
 */
public final class GovernanceClient {
  /** Event-bus address of the writer. */
  public static final String EMIT_ADDRESS = "fp.governance.emit";
  /** Event-bus address of the writer's projection repair ({@code {platform_run_id}}). */
  public static final String PROJECT_ADDRESS = "fp.governance.project";
  /** Bounds one emit, conflict retries included. */
  private static final long TIMEOUT_MS = 60_000;
  private final Vertx vertx;

  public GovernanceClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Asks the writer to append the line of every recorded event of the run that has none yet (an emit that failed,
   * or a writer that died between its steps). Completes once the projection is repaired.
   */
  public Future<Void> project(String platformRunId) {
    return vertx.eventBus().request(PROJECT_ADDRESS, new JsonObject().put("platform_run_id", platformRunId),
        new DeliveryOptions().setSendTimeout(TIMEOUT_MS)).mapEmpty();
  }

  public Future<EmitResult> emit(GovernanceEmit event) {
    return vertx.eventBus().<JsonObject>request(EMIT_ADDRESS, new JsonObject(event.toMap()),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> {
          @SuppressWarnings("unchecked")
          var body = (java.util.Map<String, Object>) VertxJson.plain(reply.body());
          return new EmitResult((String) body.get("event_id"), Boolean.TRUE.equals(body.get("created")));
        });
  }
}
