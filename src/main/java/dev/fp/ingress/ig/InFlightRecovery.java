package dev.fp.ingress.ig;

import dev.fp.contract.Timestamps;
import dev.fp.ingress.ig.core.AdmissionRow;
import dev.fp.ingress.ig.core.AdmissionState;
import dev.fp.platform.log.Logging;
import dev.fp.substrate.eventlog.LogRecord;
import io.vertx.core.Future;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * On IG start, before intake opens: admissions a crash left PUBLISH_IN_FLIGHT (claimed, maybe published, never
 * settled) are reconciled against the log. A row whose record is in its topic becomes ADMITTED with that eb_ref and
 * its ADMIT receipt (counted as {@code decision.ADMIT}: the crashed cycle never counted it); a row whose record is
 * not there is released (PUBLISH_RELEASED), so the producer's retry publishes it once. A row whose logged record no
 * longer passes the checks stays in flight for the periodic sweep, which makes it PUBLISH_AMBIGUOUS for an operator.
 * No cycle runs yet, so every in-flight row is a crash's.
 */
final class InFlightRecovery {
  private static final Logger LOG = Logging.component("ig_service");
  static final String FOUND = "RECOVERED_FOUND_IN_LOG";
  static final String RELEASED = "RELEASED_AT_START_NOT_IN_LOG";
  private final IgParts p;
  private final IgReconciler reconciler;

  /** What a recovery did. */
  record Result(int admitted, int released, int left) {
  }

  InFlightRecovery(IgParts p, IgReconciler reconciler) {
    this.p = p;
    this.reconciler = reconciler;
  }

  Future<Result> run() {
    return p.admissions().inFlight(null).compose(rows -> rows.isEmpty()
        ? Future.succeededFuture(new Result(0, 0, 0))
        : reconciler.findInLog(rows).compose(found -> settle(rows, found)).onSuccess(r -> LOG.warn(
            "IG start: {} admissions were left in flight by a stopped process: {} found in the log (ADMITTED), {} "
                + "not in it (released for the producer's retry), {} left for an operator", rows.size(), r.admitted(),
            r.released(), r.left())));
  }

  private Future<Result> settle(List<AdmissionRow> rows, Map<String, LogRecord> found) {
    int[] n = {0, 0, 0};
    List<Future<Void>> each = new ArrayList<>();
    String now = Timestamps.now(p.clock());
    for (AdmissionRow row : rows) {
      LogRecord record = found.get(row.dedupeKey());
      if (record != null) {
        each.add(reconciler.admitFromLog(row, record, AdmissionService.SYSTEM, AdmissionState.PUBLISH_IN_FLIGHT,
                FOUND, Map.of("decision.ADMIT", 1L, "recovered_admitted", 1L))
            .<Void>map(f -> {
              n[0]++;
              return null;
            })
            .recover(err -> {
              n[2]++;
              LOG.error("IG start: admission {} (event_id {}) is in the log but could not be settled: {}",
                  row.dedupeKey(), row.eventId(), err.getMessage());
              return Future.succeededFuture();
            }));
      } else {
        each.add(p.commits().submit("ig recovery release", tx -> p.admissions().release(tx,
                AdmissionState.PUBLISH_IN_FLIGHT, row.platformRunId(), row.dedupeKey(), RELEASED, now)
            .compose(ok -> ok ? p.counters().add(tx, Map.of(row.platformRunId(), Map.of("recovered_released", 1L)))
                .map(true) : Future.succeededFuture(false)))
            .map(ok -> {
              n[ok ? 1 : 2]++;
              return null;
            }));
      }
    }
    return Future.all(each).map(v -> new Result(n[0], n[1], n[2]));
  }
}
