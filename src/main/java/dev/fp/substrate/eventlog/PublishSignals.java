package dev.fp.substrate.eventlog;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link EventLog#onPublished} registry shared by the adapters: callbacks per topic, each run on the context
 * that registered it. In-process only; consumers of records published by other processes rely on their poll timer.
 */
final class PublishSignals {
  private record Listener(Context context, Runnable callback) {
  }

  private final Vertx vertx;
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

  PublishSignals(Vertx vertx) {
    this.vertx = vertx;
  }

  AutoCloseable register(String topic, Runnable callback) {
    Listener listener = new Listener(vertx.getOrCreateContext(), callback);
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.getOrDefault(topic, List.of()).remove(listener);
  }

  void fire(String topic) {
    for (Listener l : listeners.getOrDefault(topic, List.of())) {
      l.context().runOnContext(v -> l.callback().run());
    }
  }
}
