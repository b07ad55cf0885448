package dev.fp.rtdl.ofp.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.WireTime;
import dev.fp.rtdl.ofp.core.FeatureRequest.GroupRef;
import dev.fp.rtdl.ofp.core.FeatureRequest.Key;
import dev.fp.rtdl.ofp.store.FlowState;
import dev.fp.rtdl.ofp.store.OfpTables.FeatureKey;
import dev.fp.rtdl.ofp.store.WindowedState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code get_features} from committed state (reference rtdl §3, the O(run) rebuild and the object
 * write per call removed): what to read for a request ({@link #flowIds}, {@link #featureKeys}: O(keys × groups)), and
 * the snapshot built from the rows read.
 *
 * <p>Snapshot: {@code pins, as_of_time_utc, feature_groups} (requested, sorted), {@code feature_def_policy_rev},
 * {@code eb_offset_basis} ({@code stream: "multi"}, {@code offset_kind}, {@code offsets[{topic, partition, offset}]}
 * = the committed checkpoints, {@code basis_digest} = sha256 of the canonical JSON of those three, and
 * {@code window_end_utc} = the newest event time applied), {@code run_config_digest}, {@code features}
 * ({@code "<key_type>:<key_id>" → group → values}, only keys with state), {@code freshness} ({@code state},
 * {@code flags}, {@code missing_groups}, {@code stale_groups}, {@code missing_keys}) and {@code snapshot_hash} =
 * sha256 of the canonical JSON of all of those. Nothing is written: the snapshot is the hash, the basis and the
 * request, which a decision cites (it is reproducible while the basis is the committed one).
 */
public final class FeatureSnapshot {
  public static final String MISSING_FEATURE_STATE = "MISSING_FEATURE_STATE";
  public static final String MISSING_FEATURE_GROUP = "MISSING_FEATURE_GROUP";
  public static final String STALE_INPUT_BASIS = "STALE_INPUT_BASIS";

  /** One committed checkpoint of the basis. */
  public record Offset(String topic, int partition, String offset) {
  }

  /** What the basis was read as: checkpoints, their offset kind, the newest event time applied (null: none). */
  public record Basis(String offsetKind, List<Offset> offsets, Long windowEndMicros) {
  }

  private final FeaturePolicy policy;
  private final Map<String, Windows> windows = new LinkedHashMap<>();
  private final String runConfigDigest;

  public FeatureSnapshot(FeaturePolicy policy, String runConfigDigest) {
    this.policy = policy;
    this.runConfigDigest = runConfigDigest;
    policy.entityGroups().forEach(g -> windows.put(g.name(), new Windows(g, policy.distinctCap())));
  }

  /** The groups of the request the policy serves, in the request's order. */
  private List<FeatureGroup> served(FeatureRequest req) {
    List<FeatureGroup> out = new ArrayList<>();
    for (GroupRef ref : req.groups()) {
      FeatureGroup g = policy.group(ref.name(), ref.version());
      if (g != null && !out.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  /** The flow rows to read: requested flow keys when {@code core_features} is requested. */
  public List<String> flowIds(FeatureRequest req) {
    boolean wanted = served(req).stream().anyMatch(FeatureGroup::keyedByFlow);
    return wanted ? req.keys().stream().filter(k -> k.keyType().equals(FeatureGroup.FLOW_KEY)).map(Key::keyId)
        .distinct().toList() : List.of();
  }

  /** The entity rows to read: each requested key with each requested group of its key type. */
  public List<FeatureKey> featureKeys(FeatureRequest req, String run) {
    List<FeatureKey> out = new ArrayList<>();
    for (Key k : req.keys()) {
      for (FeatureGroup g : served(req)) {
        if (!g.keyedByFlow() && g.keyType().equals(k.keyType())) {
          out.add(OfpCore.featureKey(run, g, k.keyId()));
        }
      }
    }
    return out.stream().distinct().toList();
  }

  /** The snapshot of {@code req} from the rows read ({@code flows} by flow id, {@code rows} by key). */
  public Map<String, Object> build(FeatureRequest req, String run, Basis basis, Map<String, FlowState> flows,
                                   Map<FeatureKey, WindowedState> rows) {
    List<FeatureGroup> served = served(req);
    List<String> flags = new ArrayList<>();
    List<Map<String, Object>> missingGroups = new ArrayList<>();
    for (GroupRef ref : req.groups()) {
      if (policy.group(ref.name(), ref.version()) == null) {
        missingGroups.add(ref.json());
      }
    }
    if (!missingGroups.isEmpty()) {
      flags.add(MISSING_FEATURE_GROUP);
    }
    Map<String, Object> features = new TreeMap<>();
    List<String> missingKeys = new ArrayList<>();
    for (Key k : req.keys()) {
      Map<String, Object> byGroup = new TreeMap<>();
      for (FeatureGroup g : served) {
        if (!g.keyType().equals(k.keyType())) {
          continue;
        }
        if (g.keyedByFlow()) {
          FlowState f = flows.get(k.keyId());
          if (f != null && f.events > 0) {
            byGroup.put(g.name(), flowValues(f));
          }
        } else {
          WindowedState s = rows.get(OfpCore.featureKey(run, g, k.keyId()));
          if (s != null) {
            byGroup.put(g.name(), windows.get(g.name()).values(s, req.asOfMicros()));
          }
        }
      }
      if (byGroup.isEmpty()) {
        if (!missingKeys.contains(k.label())) {
          missingKeys.add(k.label());
        }
      } else {
        features.put(k.label(), byGroup);
      }
    }
    if (!missingKeys.isEmpty()) {
      flags.add(MISSING_FEATURE_STATE);
    }
    List<Map<String, Object>> staleGroups = new ArrayList<>();
    if (basis.windowEndMicros() == null || req.asOfMicros() > basis.windowEndMicros()) {
      flags.add(STALE_INPUT_BASIS);
      served.forEach(g -> staleGroups.add(new GroupRef(g.name(), g.version()).json()));
    }
    Map<String, Object> freshness = new LinkedHashMap<>();
    freshness.put("state", !missingGroups.isEmpty() ? "RED" : flags.isEmpty() ? "GREEN" : "AMBER");
    freshness.put("flags", flags);
    freshness.put("missing_groups", missingGroups);
    freshness.put("stale_groups", staleGroups);
    freshness.put("missing_keys", missingKeys);

    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("pins", req.pins());
    snapshot.put("as_of_time_utc", req.asOfTimeUtc());
    snapshot.put("feature_groups", req.groups().stream().distinct()
        .sorted(Comparator.comparing(GroupRef::name).thenComparing(GroupRef::version)).map(GroupRef::json).toList());
    snapshot.put("feature_def_policy_rev", policy.rev());
    snapshot.put("eb_offset_basis", basis(basis));
    snapshot.put("run_config_digest", runConfigDigest);
    snapshot.put("features", features);
    snapshot.put("freshness", freshness);
    snapshot.put("snapshot_hash", Hashing.canonicalHash(snapshot));
    return snapshot;
  }

  private static Map<String, Object> flowValues(FlowState f) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("event_count", f.events);
    v.put("amount_sum", f.amountCents / 100.0);
    v.put("last_event_ts_utc", WireTime.formatString(f.lastMicros));
    return v;
  }

  /** {@code eb_offset_basis}: offsets sorted by topic and partition, their digest, the window end. */
  static Map<String, Object> basis(Basis b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stream", "multi");
    m.put("offset_kind", b.offsetKind());
    m.put("offsets", b.offsets().stream()
        .sorted(Comparator.comparing(Offset::topic).thenComparingInt(Offset::partition))
        .map(o -> {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("topic", o.topic());
          x.put("partition", o.partition());
          x.put("offset", o.offset());
          return (Object) x;
        }).toList());
    m.put("basis_digest", Hashing.canonicalHash(m));
    m.put("window_end_utc", b.windowEndMicros() == null ? null : WireTime.formatString(b.windowEndMicros()));
    return m;
  }
}
