package dev.fp.platform.pack;

import io.vertx.core.Future;

/**
 * Implemented by component verticles that can tell whether they can do work now (beyond being deployed): e.g. a
 * consumer holding its lease, an HTTP server listening.
 */
public interface Readiness {

  /** Ready or not, with a short reason ({@code alive}, {@code tcp_open}, {@code lease_held_by:…}). */
  record Result(boolean ready, String reason) {
  }

  Future<Result> readiness();
}
