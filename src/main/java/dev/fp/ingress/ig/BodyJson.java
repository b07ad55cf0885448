package dev.fp.ingress.ig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fp.contract.PortableJson;
import dev.fp.contract.StrictUtf8;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses request bodies into plain JSON values (ordered maps, lists, Integer/Long/BigInteger, Double): the bytes must
 * be strict UTF-8 (400 BODY_NOT_UTF8, with the byte offset: no overlong forms, encoded surrogates or truncated
 * sequences), then exactly one JSON document (400 BODY_NOT_JSON; a leading byte-order mark or a NUL byte, which would
 * let the parser guess UTF-16 or UTF-32, is refused too), no key
 * twice in one object (400 DUPLICATE_KEY: parsers disagree on which copy wins), nesting within the limit (400
 * JSON_TOO_DEEP), numbers of at most {@value #MAX_NUMBER_CHARS} characters (400 NUMBER_TOO_LONG), and the right
 * top-level shape (400 NOT_AN_OBJECT / NOT_AN_ARRAY). What the document holds (lone surrogate escapes, U+0000,
 * infinite numbers) is checked per envelope by the admission service. Thread-safe.
 */
final class BodyJson {
  static final int MAX_NUMBER_CHARS = 1000;
  private final ObjectMapper single;
  private final ObjectMapper batch;
  private final int maxDepth;

  BodyJson(int maxDepth) {
    this.maxDepth = maxDepth;
    this.single = mapper(maxDepth);
    this.batch = mapper(maxDepth + 1);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> object(Buffer body) {
    Object v = parse(single, body);
    if (!(v instanceof Map<?, ?>)) {
      throw new IgRejection(400, "NOT_AN_OBJECT", "the body must be one JSON object (an envelope)", 0);
    }
    return (Map<String, Object>) v;
  }

  List<?> array(Buffer body) {
    Object v = parse(batch, body);
    if (!(v instanceof List<?> list)) {
      throw new IgRejection(400, "NOT_AN_ARRAY", "the body must be a JSON array of envelopes", 0);
    }
    return list;
  }

  private Object parse(ObjectMapper mapper, Buffer body) {
    byte[] bytes = body.getBytes();
    int bad = StrictUtf8.firstMalformed(bytes);
    if (bad >= 0) {
      throw new IgRejection(400, "BODY_NOT_UTF8", "the body is not UTF-8: " + StrictUtf8.describe(bytes, bad), 0);
    }
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      throw new IgRejection(400, "BODY_NOT_JSON", "the body starts with a byte-order mark (RFC 8259 §8.1)", 0);
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        // never valid in JSON text; refusing it also keeps Jackson from reading the bytes as UTF-16 or UTF-32
        throw new IgRejection(400, "BODY_NOT_JSON", "a NUL byte at byte " + i + " (JSON text is UTF-8)", 0);
      }
    }
    try {
      return mapper.readValue(bytes, Object.class);
    } catch (StreamConstraintsException e) {
      throw constraint(e);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      if (why != null && why.startsWith("Duplicate ")) {
        throw new IgRejection(400, "DUPLICATE_KEY", "a key appears twice in one object: " + why, 0);
      }
      if (why != null && why.contains("surrogate")) {
        // Jackson (2.23) refuses a lone surrogate escape in a key while parsing, before our per-envelope scan
        throw new IgRejection(400, PortableJson.INVALID_UNICODE, "a key holds " + why.replace("Unexpected ", "an unpaired ")
            + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), 0);
      }
      throw new IgRejection(400, "BODY_NOT_JSON", "not a JSON document: " + why, 0);
    } catch (IOException e) {
      throw new IgRejection(400, "BODY_NOT_JSON", "not a JSON document: " + e.getMessage(), 0);
    }
  }

  private IgRejection constraint(StreamConstraintsException e) {
    String why = e.getOriginalMessage();
    if (why != null && why.startsWith("Number value length")) {
      return new IgRejection(400, "NUMBER_TOO_LONG", "a number longer than " + MAX_NUMBER_CHARS + " characters", 0);
    }
    if (why != null && why.contains("nesting depth")) {
      return new IgRejection(400, "JSON_TOO_DEEP", "JSON nesting deeper than " + maxDepth + " levels", 0);
    }
    return new IgRejection(400, "BODY_NOT_JSON", "JSON over a parser limit: " + why, 0);
  }

  private static ObjectMapper mapper(int depth) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth)
            .maxNumberLength(MAX_NUMBER_CHARS).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }
}
