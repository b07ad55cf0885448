package dev.fp.obsgov.evidence;

import dev.fp.contract.Timestamps;
import dev.fp.obsgov.ObsKeys;
import dev.fp.obsgov.evidence.core.EvidenceRefCorridor;
import dev.fp.platform.governance.AnomalyCategory;
import dev.fp.platform.governance.GovernanceClient;
import dev.fp.platform.governance.GovernanceEmit;
import dev.fp.platform.governance.GovernanceFamily;
import dev.fp.substrate.objectstore.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves evidence refs through the {@link EvidenceRefCorridor} (reference case_ops_obs §5.3), checks that the
 * located object or file exists, and records each resolution as {@code EVIDENCE_REF_RESOLVED} — plus a
 * {@code CORRIDOR_ANOMALY} for a denial — through the governance writer. The reference keyed these events on the
 * observation time, so every reporter tick wrote up to 50 new ones (§8.8); here the dedupe key is the ref, its type,
 * the purpose and the outcome ({@code evidence_ref:<purpose>:<ref_type>:<status>[:<reason>]:<ref_id>}): one event per
 * (ref, purpose, run, outcome), however often it is resolved, and a later different outcome is still recorded.
 * A resolution completes only once its events are recorded; a failed emit fails it.
 */
public final class EvidenceRefResolver {
  private final Vertx vertx;
  private final ObjectStore store;
  private final EvidenceRefCorridor corridor;
  private final GovernanceClient governance;
  private final Clock clock;
  private final String component;

  /** What one resolution found: RESOLVED, or DENIED with the reason code. */
  public record Resolution(String refType, String refId, String status, String reasonCode, String detail) {
    public boolean resolved() {
      return "RESOLVED".equals(status);
    }
  }

  /** @param component the source component the events are recorded under (the resolving service) */
  public EvidenceRefResolver(Vertx vertx, ObjectStore store, EvidenceRefCorridor corridor, Clock clock,
                             String component) {
    this.vertx = vertx;
    this.store = store;
    this.corridor = corridor;
    this.governance = new GovernanceClient(vertx);
    this.clock = clock;
    this.component = component;
  }

  public int allowlistSize() {
    return corridor.allowlistSize();
  }

  public Future<Resolution> resolve(EvidenceRefCorridor.Request r) {
    return exists(corridor.screen(r)).compose(denial -> {
      Resolution res = denial == null ? new Resolution(r.refType(), r.refId(), "RESOLVED", null, null)
          : new Resolution(r.refType(), r.refId(), "DENIED", denial.reasonCode(), denial.detail());
      return record(r, res).map(res);
    });
  }

  /** Null when the screened ref exists, else the denial. */
  private Future<EvidenceRefCorridor.Denied> exists(EvidenceRefCorridor.Screened s) {
    Future<Boolean> found;
    if (s instanceof EvidenceRefCorridor.Denied d) {
      return Future.succeededFuture(d);
    } else if (s instanceof EvidenceRefCorridor.InStore in) {
      found = store.head(ObsKeys.BUCKET, in.key()).map(java.util.Optional::isPresent);
    } else {
      found = vertx.executeBlocking(() -> Files.isRegularFile(((EvidenceRefCorridor.LocalFile) s).path()));
    }
    return found.map(present -> present ? null : new EvidenceRefCorridor.Denied("REF_NOT_FOUND", "no such object "
        + "or file"));
  }

  private Future<Void> record(EvidenceRefCorridor.Request r, Resolution res) {
    String observed = Timestamps.now(clock);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ref_type", r.refType());
    d.put("ref_id", r.refId());
    d.put("purpose", r.purpose());
    d.put("platform_run_id", r.platformRunId());
    d.put("observed_time", observed);
    d.put("resolution_status", res.status());
    if (res.reasonCode() != null) {
      d.put("reason_code", res.reasonCode());
    }
    String outcome = res.reasonCode() == null ? res.status() : res.status() + ":" + res.reasonCode();
    String key = r.purpose() + ":" + r.refType() + ":" + outcome + ":" + r.refId();
    Future<Void> resolved = emit(GovernanceFamily.EVIDENCE_REF_RESOLVED, r, "evidence_ref:" + key, d);
    if (res.resolved()) {
      return resolved;
    }
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("boundary", "evidence_ref_resolution");
    a.put("reason_code", res.reasonCode());
    a.put("anomaly_category", AnomalyCategory.of(res.reasonCode()));
    a.put("ref_type", r.refType());
    a.put("ref_id", r.refId());
    a.put("purpose", r.purpose());
    a.put("observed_time", observed);
    a.put("detail", res.detail());
    return resolved.compose(v -> emit(GovernanceFamily.CORRIDOR_ANOMALY, r, "evidence_ref_denied:" + key, a));
  }

  private Future<Void> emit(GovernanceFamily family, EvidenceRefCorridor.Request r, String dedupeKey,
                            Map<String, Object> details) {
    return governance.emit(new GovernanceEmit(family, r.platformRunId(), null, r.actorId(), "SYSTEM", component,
        dedupeKey, details)).mapEmpty();
  }
}
