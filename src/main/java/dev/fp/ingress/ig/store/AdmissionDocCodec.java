package dev.fp.ingress.ig.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.fp.substrate.state.ValueCodec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code ig_admissions} value codec: the same JSON document Jackson's record binding writes (component names in
 * declaration order, nulls included), so rows written before and after it read alike on both adapters, but through
 * the streaming API instead of reflection — every admission encodes its row twice (claim, settle) and decodes it once,
 * which made the bean binding one of IG's largest CPU costs. Reading accepts any key order and whitespace (PostgreSQL
 * returns jsonb normalised) and ignores unknown keys, as the binding did.
 */
final class AdmissionDocCodec implements ValueCodec<AdmissionDoc> {
  static final AdmissionDocCodec INSTANCE = new AdmissionDocCodec();
  private static final JsonFactory JSON = new JsonFactory();

  private AdmissionDocCodec() {
  }

  @Override
  public byte[] encode(AdmissionDoc d) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("dedupeKey", d.dedupeKey());
      g.writeStringField("state", d.state());
      g.writeStringField("platformRunId", d.platformRunId());
      g.writeStringField("eventClass", d.eventClass());
      g.writeStringField("eventId", d.eventId());
      g.writeStringField("eventType", d.eventType());
      g.writeStringField("payloadHash", d.payloadHash());
      g.writeStringField("ebTopic", d.ebTopic());
      g.writeFieldName("ebPartition");
      if (d.ebPartition() == null) {
        g.writeNull();
      } else {
        g.writeNumber(d.ebPartition());
      }
      g.writeStringField("ebOffset", d.ebOffset());
      g.writeStringField("ebOffsetKind", d.ebOffsetKind());
      g.writeStringField("ebPublishedAtUtc", d.ebPublishedAtUtc());
      g.writeStringField("admittedAtUtc", d.admittedAtUtc());
      g.writeStringField("receiptId", d.receiptId());
      g.writeStringField("receiptRef", d.receiptRef());
      g.writeBooleanField("receiptWriteFailed", d.receiptWriteFailed());
      g.writeStringField("stateReason", d.stateReason());
      g.writeStringField("claimToken", d.claimToken());
      g.writeStringField("createdAtUtc", d.createdAtUtc());
      g.writeStringField("updatedAtUtc", d.updatedAtUtc());
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an ig_admissions row: " + e.getMessage(), e);
    }
  }

  @Override
  public AdmissionDoc decode(byte[] bytes) {
    String dedupeKey = null;
    String state = null;
    String platformRunId = null;
    String eventClass = null;
    String eventId = null;
    String eventType = null;
    String payloadHash = null;
    String ebTopic = null;
    Integer ebPartition = null;
    String ebOffset = null;
    String ebOffsetKind = null;
    String ebPublishedAtUtc = null;
    String admittedAtUtc = null;
    String receiptId = null;
    String receiptRef = null;
    boolean receiptWriteFailed = false;
    String stateReason = null;
    String claimToken = null;
    String createdAtUtc = null;
    String updatedAtUtc = null;
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an ig_admissions row must be a JSON object");
      }
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        switch (field) {
          case "dedupeKey" -> dedupeKey = text(p, t);
          case "state" -> state = text(p, t);
          case "platformRunId" -> platformRunId = text(p, t);
          case "eventClass" -> eventClass = text(p, t);
          case "eventId" -> eventId = text(p, t);
          case "eventType" -> eventType = text(p, t);
          case "payloadHash" -> payloadHash = text(p, t);
          case "ebTopic" -> ebTopic = text(p, t);
          case "ebPartition" -> ebPartition = t == JsonToken.VALUE_NULL ? null : p.getValueAsInt();
          case "ebOffset" -> ebOffset = text(p, t);
          case "ebOffsetKind" -> ebOffsetKind = text(p, t);
          case "ebPublishedAtUtc" -> ebPublishedAtUtc = text(p, t);
          case "admittedAtUtc" -> admittedAtUtc = text(p, t);
          case "receiptId" -> receiptId = text(p, t);
          case "receiptRef" -> receiptRef = text(p, t);
          case "receiptWriteFailed" -> receiptWriteFailed = t == JsonToken.VALUE_TRUE;
          case "stateReason" -> stateReason = text(p, t);
          case "claimToken" -> claimToken = text(p, t);
          case "createdAtUtc" -> createdAtUtc = text(p, t);
          case "updatedAtUtc" -> updatedAtUtc = text(p, t);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode an ig_admissions row: " + e.getMessage(), e);
    }
    return new AdmissionDoc(dedupeKey, state, platformRunId, eventClass, eventId, eventType, payloadHash, ebTopic,
        ebPartition, ebOffset, ebOffsetKind, ebPublishedAtUtc, admittedAtUtc, receiptId, receiptRef, receiptWriteFailed,
        stateReason, claimToken, createdAtUtc, updatedAtUtc);
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
  }
}
