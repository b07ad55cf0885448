package dev.fp.control.wsp.core;

import dev.fp.contract.Envelope;
import dev.fp.contract.Ids;
import dev.fp.contract.Json;
import dev.fp.contract.WireTime;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row → envelope exactly as the reference (control_ingress §1, §4.5). {@code payload} is the row (or the parsed
 * {@code payload_json} column when the view has one; null there is {@code STREAM_VIEW_PAYLOAD_MISSING});
 * {@code event_id} = sha256 of {@code output_id|str(pk_1)|…|str(pk_n)|mf|ph|seed|scenario_id} with the catalogue's
 * primary key ({@code PRIMARY_KEY_MISSING} for a null key value); {@code ts_utc} = the row's ts_utc re-rendered as
 * {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (offsets converted, naive read as UTC). An unparseable ts_utc is passed on as
 * it is (an empty string when null) so IG quarantines the event as ENVELOPE_INVALID, as the reference's null did;
 * the payload always keeps the original string. Pure and thread-safe.
 */
public final class EnvelopeBuilder {
  public static final String SCHEMA_VERSION = "v1";
  public static final String PRODUCER = "svc:world_stream_producer";
  private static final String PAYLOAD_JSON = "payload_json";

  private final StreamPins pins;
  private final BigInteger seed;

  public EnvelopeBuilder(StreamPins pins) {
    this.pins = pins;
    this.seed = BigInteger.valueOf(pins.seed());
  }

  /** The envelope of one row of {@code outputId}, keyed by {@code primaryKey} (catalogue column names). */
  public StreamEvent build(String outputId, List<String> primaryKey, String part, long rowIndex,
                           Map<String, Object> row) {
    String eventId = eventId(outputId, primaryKey, row);
    Object ts = row.get("ts_utc");
    long micros = micros(ts);
    String tsUtc = micros == Long.MIN_VALUE ? (ts == null ? "" : ts.toString()) : WireTime.formatString(micros);
    Envelope envelope = new Envelope(eventId, outputId, tsUtc, pins.manifestFingerprint(), pins.parameterHash(), seed,
        pins.scenarioId(), pins.engineRunId(), pins.platformRunId(), pins.scenarioRunId(), null, SCHEMA_VERSION,
        pins.packKey(), pins.engineRelease(), null, PRODUCER, payload(row, outputId, part, rowIndex));
    return new StreamEvent(part, rowIndex, micros, envelope, WireJson.encode(envelope));
  }

  private String eventId(String outputId, List<String> primaryKey, Map<String, Object> row) {
    List<Object> values = new ArrayList<>(primaryKey.size());
    for (String column : primaryKey) {
      Object v = row.get(column);
      if (v == null) {
        throw new WspFailure("PRIMARY_KEY_MISSING", outputId + " row has no value for primary key column " + column);
      }
      values.add(v);
    }
    return Ids.engineEventId(outputId, values, pins.manifestFingerprint(), pins.parameterHash(), pins.seed(),
        pins.scenarioId());
  }

  private static long micros(Object ts) {
    if (ts == null) {
      return Long.MIN_VALUE;
    }
    try {
      return WireTime.parseMicros(ts.toString());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  private static Map<String, Object> payload(Map<String, Object> row, String outputId, String part, long rowIndex) {
    if (!row.containsKey(PAYLOAD_JSON)) {
      return row;
    }
    Object text = row.get(PAYLOAD_JSON);
    if (text == null) {
      throw new WspFailure("STREAM_VIEW_PAYLOAD_MISSING", outputId + " " + part + " row " + rowIndex
          + ": payload_json is null");
    }
    try {
      return Json.readObject(text.toString());
    } catch (IOException e) {
      throw new WspFailure("STREAM_VIEW_PAYLOAD_MISSING", outputId + " " + part + " row " + rowIndex
          + ": payload_json is not a JSON object", e);
    }
  }
}
