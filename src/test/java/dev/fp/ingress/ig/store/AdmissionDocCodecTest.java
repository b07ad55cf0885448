package dev.fp.ingress.ig.store;

import dev.fp.substrate.state.ValueCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hand-written {@code ig_admissions} codec against the Jackson record binding it replaced: the same bytes for
 * every row shape (so rows of older builds and of this one read alike), and it reads what PostgreSQL's jsonb returns
 * (keys reordered, whitespace) and rows with keys it does not know.
 */
class AdmissionDocCodecTest {
  private static final ValueCodec<AdmissionDoc> JACKSON = ValueCodec.json(AdmissionDoc.class);
  private static final AdmissionDocCodec CODEC = AdmissionDocCodec.INSTANCE;

  @Test
  void writesTheBytesOfTheRecordBindingAndReadsThemBack() {
    for (AdmissionDoc d : docs()) {
      byte[] bytes = CODEC.encode(d);
      assertArrayEquals(JACKSON.encode(d), bytes, new String(bytes, StandardCharsets.UTF_8));
      assertEquals(d, CODEC.decode(bytes));
      assertEquals(d, CODEC.decode(JACKSON.encode(d)));
      assertEquals(d, JACKSON.decode(bytes));
    }
  }

  @Test
  void readsJsonbTextWithOtherKeyOrderWhitespaceAndUnknownKeys() {
    AdmissionDoc d = docs().get(3);
    String jsonb = "{\"state\": \"ADMITTED\", \"ebOffset\": \"41\", \"ebTopic\": \"fp.bus.traffic.fraud.v1\", "
        + "\"eventId\": \"e-3\", \"dedupeKey\": \"k-3\", \"claimToken\": null, \"ebPartition\": 0, \"eventType\": \"t\", "
        + "\"eventClass\": \"traffic_fraud\", \"receiptId\": \"r-3\", \"receiptRef\": \"s3://b/r#L4\", "
        + "\"payloadHash\": \"ph-3\", \"ebOffsetKind\": \"file_offset\", \"stateReason\": \"why \\\"quoted\\\" é\", "
        + "\"createdAtUtc\": \"c\", \"updatedAtUtc\": \"u\", \"admittedAtUtc\": \"a\", \"platformRunId\": \"run\", "
        + "\"ebPublishedAtUtc\": null, \"receiptWriteFailed\": false, \"laterField\": {\"nested\": [1, 2]}}";
    AdmissionDoc read = CODEC.decode(jsonb.getBytes(StandardCharsets.UTF_8));
    assertEquals(new AdmissionDoc("k-3", "ADMITTED", "run", "traffic_fraud", "e-3", "t", "ph-3",
        "fp.bus.traffic.fraud.v1", 0, "41", "file_offset", null, "a", "r-3", "s3://b/r#L4", false,
        "why \"quoted\" é", null, "c", "u"), read);
    assertEquals(JACKSON.decode(jsonb.getBytes(StandardCharsets.UTF_8)), read);
    assertEquals(d, CODEC.decode(CODEC.encode(d)));
  }

  @Test
  void refusesWhatIsNotAnObject() {
    assertThrows(RuntimeException.class, () -> CODEC.decode("[1]".getBytes(StandardCharsets.UTF_8)));
    assertThrows(RuntimeException.class, () -> CODEC.decode("{\"state\":".getBytes(StandardCharsets.UTF_8)));
  }

  /** In flight, admitted, ambiguous, released, with back-filled receipts, odd text and random field subsets. */
  private static List<AdmissionDoc> docs() {
    List<AdmissionDoc> out = new ArrayList<>();
    out.add(AdmissionDoc.inFlight(new Claim("k-0", "run", "traffic_fraud", "e-0", "t", "ph", "topic", "tok", "c")));
    out.add(new AdmissionDoc("k-1", "ADMITTED", "run", "traffic_fraud", "e-1", "t", "ph", "topic", 3, "17",
        "kinesis_sequence", "p", "a", "r", "ref", false, null, null, "c", "u"));
    out.add(new AdmissionDoc("k-2", "PUBLISH_AMBIGUOUS", "run", "c", "e-2", "t", "ph", "topic", null, null, null, null,
        null, null, null, false, "publish failed: \u0001 tab\t newline\n \\ \"q\" \u00e9 \u4e2d \ud83d\ude00", null, "c", "u"));
    out.add(new AdmissionDoc("k-3", "ADMITTED", "run", "traffic_fraud", "e-3", "t", "ph-3", "fp.bus.traffic.fraud.v1", 0,
        "41", "file_offset", null, "a", "r-3", "s3://b/r#L4", true, null, null, "c", "u"));
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      out.add(new AdmissionDoc(maybe(random, "k" + i), maybe(random, "S" + i), maybe(random, "run" + i),
          maybe(random, "cls"), maybe(random, "e\u00e9" + i), maybe(random, "t"), maybe(random, "h" + i),
          maybe(random, "top"), random.nextBoolean() ? null : random.nextInt(1 << 20) - 1000,
          maybe(random, Long.toString(random.nextLong())), maybe(random, "k"), maybe(random, "p"), maybe(random, "a"),
          maybe(random, "r"), maybe(random, "ref#L" + i), random.nextBoolean(), maybe(random, "why \"" + i + "\""),
          maybe(random, "tok" + i), maybe(random, "c"), maybe(random, "u")));
    }
    return out;
  }

  private static String maybe(Random random, String value) {
    return random.nextInt(4) == 0 ? null : value;
  }
}
