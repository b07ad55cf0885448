package dev.fp.substrate.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link ValueCodec} written by hand on Jackson's streaming generator and parser, for the hottest row types: it
 * writes the very bytes {@link ValueCodec#json} writes for the same value (same generator, same escaping, same
 * property order), so stores written by either read back with either and PostgreSQL's {@code jsonb} is unchanged —
 * only databind's per-value work (introspection, boxing, serializer lookups) is gone. A subclass must keep that
 * promise; its test compares its bytes with {@link ValueCodec#json}'s.
 */
public abstract class StreamingJsonCodec<V> implements ValueCodec<V> {
  private static final JsonFactory FACTORY = ValueCodec.Json.MAPPER.getFactory();
  private final String typeName;

  protected StreamingJsonCodec(String typeName) {
    this.typeName = typeName;
  }

  /** Writes {@code value} as one JSON value (the generator is positioned where it starts). */
  protected abstract void write(JsonGenerator g, V value) throws IOException;

  /** Reads one value; the parser's current token is its first ({@code START_OBJECT} for an object). */
  protected abstract V read(JsonParser p) throws IOException;

  @Override
  public final byte[] encode(V value) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        write(g, value);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + typeName + " as JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public final V decode(byte[] bytes) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      p.nextToken();
      return read(p);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("cannot decode " + typeName + " from JSON: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Fails unless the parser stands on {@code expected}. */
  protected static void expect(JsonParser p, JsonToken expected) throws IOException {
    if (p.currentToken() != expected) {
      throw new IOException("expected " + expected + " at " + p.currentLocation() + ", got " + p.currentToken());
    }
  }

  /** The long the parser stands on (an integer token). */
  protected static long longValue(JsonParser p) throws IOException {
    expect(p, JsonToken.VALUE_NUMBER_INT);
    return p.getLongValue();
  }
}
