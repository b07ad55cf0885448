package dev.fp.platform.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How in-process producers (DF, AL, CT) reach IG: the admission service on the Vert.x event bus at {@link #ADDRESS},
 * same checks, dedupe, receipts and authorization as HTTP. The principal must be one named in the API key file
 * ({@code principal=…}); its {@code classes=} decide what it may produce.
 *
 * <p>The request is a {@link Request} passed by reference (a local codec: IG runs in this process): the envelopes are
 * copied once, into plain JSON values IG owns, instead of through JsonObjects that the event bus copies again and IG
 * unwraps back into plain values.
 *
 * <p>{@link #admit} completes with the item answer {@code {"status": 200, "decision", "receipt", "receipt_ref"}} or
 * {@code {"status": 4xx/5xx, "error", "detail"[, "retry_after_seconds"]}} (409 and 503 are retryable; use the same
 * envelope). {@link #admitBatch} completes with {@code {"results": [item answer…]}} in order, or a single error
 * answer when the whole request was refused (503, 401). The future fails only when IG is not reachable (not deployed,
 * or the reply timed out).
 */
public final class IgAdmissionClient {
  public static final String ADDRESS = "fp.ig.admit";
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  private final Vertx vertx;
  private final String principal;
  private final DeliveryOptions options;

  /**
   * An admission request: who produces, the envelopes as plain JSON values (maps, lists, scalars) that IG may keep,
   * and whether the producer asked for a batch answer ({@code results}) or a single item answer.
   */
  public record Request(String principal, List<Object> envelopes, boolean batch) {
  }

  public IgAdmissionClient(Vertx vertx, String principal) {
    this(vertx, principal, DEFAULT_TIMEOUT_MS);
  }

  public IgAdmissionClient(Vertx vertx, String principal, long timeoutMs) {
    this.vertx = vertx;
    this.principal = principal;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    registerCodec(vertx);
  }

  public Future<JsonObject> admit(Map<String, ?> envelope) {
    return send(new Request(principal, List.of(copy(envelope)), false));
  }

  public Future<JsonObject> admitBatch(List<? extends Map<String, ?>> envelopes) {
    List<Object> items = new ArrayList<>(envelopes.size());
    envelopes.forEach(e -> items.add(copy(e)));
    return send(new Request(principal, items, true));
  }

  private Future<JsonObject> send(Request request) {
    return vertx.eventBus().<JsonObject>request(ADDRESS, request, options).map(Message::body);
  }

  /** The producer's envelope as plain JSON values of IG's own (the producer may keep and reuse its map). */
  private static Object copy(Map<String, ?> envelope) {
    return dev.fp.contract.JsonValues.plain(envelope);
  }

  /** Registers the by-reference codec of {@link Request} on {@code vertx}'s event bus, once (client and IG call it). */
  public static synchronized void registerCodec(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(Request.class, new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another client or IG registered it on this Vert.x instance
    }
  }

  /** Passes a {@link Request} by reference; it never leaves the process (no wire form). */
  private static final class LocalCodec implements MessageCodec<Request, Request> {
    @Override
    public void encodeToWire(Buffer buffer, Request request) {
      throw new UnsupportedOperationException("IG admission requests are in-process only");
    }

    @Override
    public Request decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("IG admission requests are in-process only");
    }

    @Override
    public Request transform(Request request) {
      return request;
    }

    @Override
    public String name() {
      return "fp.ig.admission-request";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
