package dev.fp.ingress.ig;

import dev.fp.ingress.ig.core.Actor;
import dev.fp.ingress.ig.core.Checked;
import dev.fp.ingress.ig.core.Outcome;
import io.vertx.core.Promise;

/**
 * One checked envelope waiting for (or inside) an admission cycle, and where its answer goes. {@code busData} is the
 * envelope as it will be published (compact JSON), rendered on the caller's thread with the checks so the single
 * cycle context does not (null when not a candidate, or when rendering failed: the publish step retries and fails it).
 */
record Item(Checked checked, Actor actor, long arrivedNanos, Promise<Outcome> answer, String busData) {

  /** The identity, or null for an envelope rejected by the checks (no dedupe needed). */
  String dedupeKey() {
    return checked instanceof Checked.Candidate c ? c.dedupeKey() : null;
  }
}
