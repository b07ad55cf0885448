package dev.fp.platform.stream;

import dev.fp.contract.Json;
import dev.fp.platform.PlatformServices;
import dev.fp.platform.pack.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A daemon running one {@link StreamComponent} on the {@link StreamShell} for one platform run, built from a policy it
 * reads from conf: the policy is loaded on a worker (it reads files), then the component is built on the verticle's
 * context with its effects passed through {@code decorate} (where tests inject a crash before or after the effects).
 * Ready while its shell holds the consumer-group lease.
 *
 * @param <P> what the component is built from (its parsed policy)
 * @param <E> the component's effect type
 */
public abstract class PolicyStreamVerticle<P, E> extends VerticleBase implements Readiness {
  protected final PlatformServices services;
  protected final String platformRunId;
  private final StreamSettings settings;
  private final UnaryOperator<EffectRunner<E>> decorate;
  private volatile StreamShell<E> shell;

  protected PolicyStreamVerticle(PlatformServices services, String platformRunId, StreamSettings settings,
                                 UnaryOperator<EffectRunner<E>> decorate) {
    this.services = services;
    this.platformRunId = platformRunId;
    this.settings = settings;
    this.decorate = decorate;
  }

  /** Reads and parses the policy; runs on a worker. */
  protected abstract P loadPolicy() throws Exception;

  /** The component's effect runner (its publisher), built on the verticle's context. */
  protected abstract EffectRunner<E> effects();

  /** The component over {@code policy}, running its effects with {@code effects}. */
  protected abstract StreamComponent<E> component(P policy, EffectRunner<E> effects);

  @Override
  public final Future<?> start() {
    return vertx.executeBlocking(this::loadPolicy).compose(this::forRun)
        .compose(policy -> StreamShell.start(services, component(policy, decorate.apply(effects())), platformRunId,
            settings).onSuccess(s -> shell = s).compose(s -> started(policy)));
  }

  /** The loaded policy as this run applies it (on the verticle's context); the policy itself by default. */
  protected Future<P> forRun(P policy) {
    return Future.succeededFuture(policy);
  }

  /** What else the daemon starts once its shell runs (on the verticle's context); nothing by default. */
  protected Future<Void> started(P policy) {
    return Future.succeededFuture();
  }

  /** Stops what {@link #started} started; nothing by default. */
  protected void stopping() {
  }

  /**
   * The YAML document {@code file} of the conf folder, parsed by {@code parse}; a refusal names {@code what} and the
   * file. Blocking: for {@link #loadPolicy}.
   */
  protected final <T> T readPolicy(String what, String file, Function<Map<String, Object>, T> parse)
      throws Exception {
    String text = String.join("\n", services.config().readConfLines(file));
    Map<String, Object> doc = Json.readYamlObject(text.getBytes(StandardCharsets.UTF_8));
    try {
      return parse.apply(doc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public final Future<?> stop() {
    stopping();
    StreamShell<E> s = shell;
    shell = null;
    return s == null ? Future.succeededFuture() : s.stop();
  }

  @Override
  public final Future<Result> readiness() {
    StreamShell<E> s = shell;
    return s == null ? Future.succeededFuture(new Result(false, "not_started")) : s.readiness();
  }

  /** The running shell (tests); null before start and after stop. */
  public final StreamShell<E> shell() {
    return shell;
  }
}
