package dev.fp.rtdl.csfb.core;

import dev.fp.contract.EnvelopeFields;
import dev.fp.contract.EnvelopeValidation;
import dev.fp.contract.EnvelopeValidator;
import dev.fp.contract.EventRoute;
import dev.fp.contract.EventRouting;
import dev.fp.contract.WireTime;
import dev.fp.platform.stream.core.StreamRecord;
import dev.fp.rtdl.csfb.store.ContextRef;
import dev.fp.rtdl.csfb.store.JoinFrameKey;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSFB's intake checks (reference rtdl §4 failure path), in order, from the record alone: an envelope at all
 * ({@code ENVELOPE_MISSING}), its own {@code platform_run_id} ({@code PLATFORM_RUN_ID_MISSING}: the shell admits a
 * record whose run id is only in {@code payload.pins}), the canonical envelope ({@code ENVELOPE_INVALID}), a context
 * class CSFB consumes ({@code EVENT_CLASS_UNSUPPORTED}) on its own topic ({@code TOPIC_NOT_ALLOWED}), the class's
 * pins ({@code REQUIRED_PINS_MISSING}), the world the payload names equal to the envelope's
 * ({@code REPLAY_PINS_MISMATCH}: a payload's own {@code manifest_fingerprint}, {@code parameter_hash}, {@code seed},
 * {@code scenario_id} when it carries them), the join key ({@code JOIN_KEY_MISSING}, {@code PAYLOAD_INVALID}) and an
 * anchor's flow id ({@code FLOW_ID_MISSING}, {@code PAYLOAD_INVALID}). Pure.
 */
public final class ContextIntake {
  /** The classes CSFB applies; bindings come only from the two flow-anchor classes. */
  public static final Set<String> CLASSES = Set.of(EventRouting.CONTEXT_ARRIVAL,
      EventRouting.CONTEXT_ARRIVAL_ENTITIES, EventRouting.CONTEXT_FLOW_FRAUD, EventRouting.CONTEXT_FLOW_BASELINE);
  public static final Set<String> ANCHOR_CLASSES = Set.of(EventRouting.CONTEXT_FLOW_FRAUD,
      EventRouting.CONTEXT_FLOW_BASELINE);
  private static final List<String> WORLD_PINS = List.of(EnvelopeFields.MANIFEST_FINGERPRINT,
      EnvelopeFields.PARAMETER_HASH, EnvelopeFields.SEED, EnvelopeFields.SCENARIO_ID);
  private static final List<String> PINS = List.of(EnvelopeFields.PLATFORM_RUN_ID, EnvelopeFields.SCENARIO_RUN_ID,
      EnvelopeFields.MANIFEST_FINGERPRINT, EnvelopeFields.PARAMETER_HASH, EnvelopeFields.SCENARIO_ID,
      EnvelopeFields.SEED, EnvelopeFields.RUN_ID);

  /** The outcome: exactly one of {@code event} and {@code rejection}. */
  public record Intake(ContextEvent event, Rejection rejection) {
  }

  private ContextIntake() {
  }

  public static Intake read(StreamRecord r) {
    Map<String, Object> env = r.envelope();
    if (!env.containsKey(EnvelopeFields.EVENT_ID) && !env.containsKey(EnvelopeFields.EVENT_TYPE)) {
      return reject(CsfbReasons.ENVELOPE_MISSING, Map.of("fields", List.copyOf(new java.util.TreeSet<>(env.keySet()))));
    }
    if (!(env.get(EnvelopeFields.PLATFORM_RUN_ID) instanceof String)) {
      return reject(CsfbReasons.PLATFORM_RUN_ID_MISSING, Map.of("detail",
          "the envelope has no platform_run_id of its own (only payload.pins)"));
    }
    EnvelopeValidation v = EnvelopeValidator.validate(env);
    if (!v.isValid()) {
      return reject(CsfbReasons.ENVELOPE_INVALID, Map.of("violations", v.detail()));
    }
    String eventClass = EventRouting.classOf(r.eventType()).orElse(null);
    if (eventClass == null || !CLASSES.contains(eventClass)) {
      return reject(CsfbReasons.EVENT_CLASS_UNSUPPORTED, details("event_type", r.eventType(), "event_class",
          eventClass));
    }
    EventRoute route = EventRouting.routeOfClass(eventClass);
    if (!route.topic().equals(r.topic())) {
      return reject(CsfbReasons.TOPIC_NOT_ALLOWED, details("topic", r.topic(), "expected_topic", route.topic()));
    }
    List<String> missing = route.missingPins(env);
    if (!missing.isEmpty()) {
      return reject(CsfbReasons.REQUIRED_PINS_MISSING, Map.of("missing", missing));
    }
    Map<String, Object> payload = r.payload();
    for (String pin : WORLD_PINS) {
      Object inPayload = payload.get(pin);
      if (inPayload != null && !String.valueOf(inPayload).equals(String.valueOf(env.get(pin)))) {
        return reject(CsfbReasons.REPLAY_PINS_MISMATCH, details("pin", pin, "envelope", String.valueOf(env.get(pin)),
            "payload", String.valueOf(inPayload)));
      }
    }
    Object merchant = payload.get("merchant_id");
    Object seq = payload.get("arrival_seq");
    if (merchant == null || seq == null) {
      return reject(CsfbReasons.JOIN_KEY_MISSING, details("merchant_id", merchant == null ? null : "present",
          "arrival_seq", seq == null ? null : "present"));
    }
    BigInteger merchantId = integer(merchant);
    BigInteger arrivalSeq = integer(seq);
    if (merchantId == null || merchantId.signum() < 0 || arrivalSeq == null || arrivalSeq.signum() <= 0
        || arrivalSeq.bitLength() > 63) {
      return reject(CsfbReasons.PAYLOAD_INVALID, details("merchant_id", String.valueOf(merchant), "arrival_seq",
          String.valueOf(seq), "expected", "merchant_id an integer >= 0, arrival_seq an integer >= 1"));
    }
    String flowId = null;
    if (ANCHOR_CLASSES.contains(eventClass)) {
      Object flow = payload.get("flow_id");
      if (flow == null) {
        return reject(CsfbReasons.FLOW_ID_MISSING, Map.of("event_type", r.eventType()));
      }
      BigInteger f = integer(flow);
      if (f == null || f.signum() <= 0) {
        return reject(CsfbReasons.PAYLOAD_INVALID, details("flow_id", String.valueOf(flow), "expected",
            "flow_id an integer >= 1"));
      }
      flowId = f.toString();
    }
    String scenarioRunId = (String) env.get(EnvelopeFields.SCENARIO_RUN_ID);
    JoinFrameKey key = new JoinFrameKey(r.platformRunId(), scenarioRunId, merchantId.toString(),
        arrivalSeq.longValueExact());
    Map<String, Object> pins = new LinkedHashMap<>();
    for (String pin : PINS) {
      if (env.get(pin) != null) {
        pins.put(pin, env.get(pin));
      }
    }
    ContextRef ref = new ContextRef(r.topic(), r.partition(), r.offset(), r.offsetKind(), r.eventId(), r.eventType());
    return new Intake(new ContextEvent(eventClass, key, flowId, r.tsUtc(), WireTime.parseMicros(r.tsUtc()),
        (String) env.get(EnvelopeFields.SCHEMA_VERSION), payload, pins, ref), null);
  }

  private static Intake reject(String reason, Map<String, Object> details) {
    return new Intake(null, new Rejection(reason, details));
  }

  private static Map<String, Object> details(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static BigInteger integer(Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    return v instanceof BigInteger b ? b : null;
  }
}
