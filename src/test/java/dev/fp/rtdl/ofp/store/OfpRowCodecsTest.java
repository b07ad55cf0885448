package dev.fp.rtdl.ofp.store;

import dev.fp.substrate.state.ValueCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hand-written OFP row codecs write exactly the bytes the JSON databind wrote (so existing RocksDB stores and
 * PostgreSQL's jsonb are unchanged) and read back both their own and databind's documents.
 */
class OfpRowCodecsTest {
  private static final ValueCodec<WindowedState> DATABIND_WINDOWED = ValueCodec.json(WindowedState.class);
  private static final ValueCodec<FlowState> DATABIND_FLOW = ValueCodec.json(FlowState.class);
  private static final String[] AWKWARD = {"merchant_id", "é ü 中", "quote\"back\\slash", "tab\tnl\n", "", "ctl\u0001"};

  @Test
  void windowedStateBytesAreDatabindsForRandomRows() {
    Random rnd = new Random(12);
    WindowedStateCodec codec = new WindowedStateCodec();
    for (int i = 0; i < 2_000; i++) {
      WindowedState s = randomWindowed(rnd);
      byte[] expected = DATABIND_WINDOWED.encode(s);
      byte[] actual = codec.encode(s);
      assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
      assertArrayEquals(expected, codec.encode(codec.decode(expected)), "round trip of databind's bytes");
      assertArrayEquals(expected, DATABIND_WINDOWED.encode(DATABIND_WINDOWED.decode(actual)));
    }
  }

  @Test
  void emptyWindowedStateIsWhatDatabindWrote() {
    WindowedStateCodec codec = new WindowedStateCodec();
    byte[] expected = DATABIND_WINDOWED.encode(new WindowedState());
    assertArrayEquals(expected, codec.encode(new WindowedState()));
    assertEquals(0, codec.decode(expected).lastMicros);
  }

  @Test
  void flowStateBytesAreDatabindsForRandomRows() {
    Random rnd = new Random(34);
    FlowStateCodec codec = new FlowStateCodec();
    for (int i = 0; i < 2_000; i++) {
      FlowState f = randomFlow(rnd);
      byte[] expected = DATABIND_FLOW.encode(f);
      assertEquals(new String(expected, StandardCharsets.UTF_8),
          new String(codec.encode(f), StandardCharsets.UTF_8));
      assertArrayEquals(expected, codec.encode(codec.decode(expected)), "round trip of databind's bytes");
    }
  }

  @Test
  void unknownFieldsAreIgnoredAndBadDocumentsFailClearly() {
    WindowedState s = new WindowedStateCodec().decode(
        "{\"future\":{\"x\":[1,{\"y\":2}]},\"last\":7,\"m\":{\"3\":[1,250]}}".getBytes(StandardCharsets.UTF_8));
    assertEquals(7, s.lastMicros);
    assertArrayEquals(new long[] {1, 250}, s.minutes.get(3L));
    FlowState f = new FlowStateCodec().decode("{\"n\":2,\"other\":\"x\",\"req\":null}".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, f.events);
    assertEquals(null, f.requestMicros);
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new WindowedStateCodec().decode("{\"last\":\"soon\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(true, e.getMessage().startsWith("cannot decode WindowedState from JSON"), e.getMessage());
    assertThrows(RuntimeException.class, () -> new FlowStateCodec().decode("[1]".getBytes(StandardCharsets.UTF_8)));
  }

  private static WindowedState randomWindowed(Random rnd) {
    WindowedState s = new WindowedState();
    long base = 29_000_000L + rnd.nextInt(1_000_000);
    for (int i = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(130); i > 0; i--) {
      s.minutes.put(base - rnd.nextInt(200), new long[] {rnd.nextInt(50) + 1, rnd.nextLong() >> rnd.nextInt(64)});
    }
    for (int i = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(200); i > 0; i--) {
      s.hours.put(base / 60 - rnd.nextInt(300), new long[] {rnd.nextInt(500) + 1, -rnd.nextInt(1_000_000)});
    }
    s.lastMicros = rnd.nextInt(5) == 0 ? 0 : rnd.nextLong() >>> 1;
    for (int t = rnd.nextInt(3); t > 0; t--) {
      TreeMap<String, Long> ids = new TreeMap<>();
      for (int i = rnd.nextInt(70); i > 0; i--) {
        ids.put(word(rnd), base - rnd.nextInt(10_000));
      }
      s.distinct.put(word(rnd), ids);
    }
    for (int i = rnd.nextInt(3); i > 0; i--) {
      s.saturated.add(word(rnd));
    }
    return s;
  }

  private static FlowState randomFlow(Random rnd) {
    FlowState f = new FlowState();
    if (rnd.nextBoolean()) {
      f.anchor = new TreeMap<>();
      for (int i = rnd.nextInt(7); i > 0; i--) {
        f.anchor.put(word(rnd), word(rnd));
      }
      f.anchorEventId = rnd.nextBoolean() ? word(rnd) : null;
    }
    f.events = rnd.nextInt(4);
    f.amountCents = rnd.nextLong() >> rnd.nextInt(64);
    f.lastMicros = rnd.nextLong() >>> 1;
    f.requestMicros = rnd.nextBoolean() ? null : rnd.nextLong() >>> 2;
    f.requestCents = rnd.nextInt(100_000);
    f.entitiesApplied = rnd.nextBoolean();
    return f;
  }

  private static String word(Random rnd) {
    return rnd.nextInt(4) == 0 ? AWKWARD[rnd.nextInt(AWKWARD.length)] + rnd.nextInt(9)
        : Long.toHexString(rnd.nextLong());
  }
}
