package dev.fp.ingress.ig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses request bodies into plain JSON values (ordered maps, lists, Integer/Long/BigInteger, Double) with a nesting
 * limit: 400 BODY_NOT_JSON for anything that is not one JSON document, 400 JSON_TOO_DEEP past the limit, 400
 * NOT_AN_OBJECT / NOT_AN_ARRAY for the wrong top-level shape. Thread-safe.
 */
final class BodyJson {
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
    try {
      return mapper.readValue(body.getBytes(), Object.class);
    } catch (StreamConstraintsException e) {
      throw new IgRejection(400, "JSON_TOO_DEEP", "JSON nesting deeper than " + maxDepth + " levels", 0);
    } catch (JsonProcessingException e) {
      throw new IgRejection(400, "BODY_NOT_JSON", "not a JSON document: " + e.getOriginalMessage(), 0);
    } catch (IOException e) {
      throw new IgRejection(400, "BODY_NOT_JSON", "not a JSON document: " + e.getMessage(), 0);
    }
  }

  private static ObjectMapper mapper(int depth) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth).build()).build();
    return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }
}
