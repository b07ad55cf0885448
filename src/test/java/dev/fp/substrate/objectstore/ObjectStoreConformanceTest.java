package dev.fp.substrate.objectstore;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.fp.testing.Await.await;
import static dev.fp.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ObjectStore port's contract, run against every adapter; a subclass only supplies the configuration. One store
 * per class, a fresh bucket per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class) // injects a Vertx per test (per class with @BeforeAll) and closes it
abstract class ObjectStoreConformanceTest {
  static final int TIMEOUT_SECONDS = 60;
  protected Vertx vertx;
  protected ObjectStore store;
  protected String bucket;
  @TempDir
  protected static Path scratch;

  /** The adapter under test, with the given append limits. */
  protected abstract ObjectStoreConfig config(int appendMaxAttempts, int appendBackoffMs);

  /**
   * Skips a test of conditional writes racing each other when the server under test cannot keep them atomic
   * (see {@code S3ObjectStoreTest}); adapters whose backend is atomic keep the default.
   */
  protected void assumeAtomicConditionalWrites() {
  }

  protected ObjectStore newStore(Vertx vertx, int appendMaxAttempts, int appendBackoffMs) {
    return ObjectStores.create(vertx, config(appendMaxAttempts, appendBackoffMs));
  }

  @BeforeAll
  void openStore(Vertx vertx) {
    this.vertx = vertx;
    store = newStore(vertx, ObjectStoreConfig.DEFAULT_APPEND_MAX_ATTEMPTS, ObjectStoreConfig.DEFAULT_APPEND_BACKOFF_MS);
  }

  @AfterAll
  void closeStore() throws Exception {
    await(store.close());
  }

  @BeforeEach
  void freshBucket() throws Exception {
    bucket = uniqueBucket();
    await(store.ensureBucket(bucket));
  }

  static String uniqueBucket() {
    return "fp-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  static Buffer text(String s) {
    return Buffer.buffer(s, StandardCharsets.UTF_8.name());
  }

  @Test
  void shouldReadBackWhatWasPut() throws Exception {
    ObjectMeta written = await(store.put(bucket, "runs/r1/facts.json", text("{\"a\":1}\n")));

    assertThat(await(store.get(bucket, "runs/r1/facts.json")).toString()).isEqualTo("{\"a\":1}\n");
    ObjectMeta head = await(store.head(bucket, "runs/r1/facts.json")).orElseThrow();
    assertThat(head.size()).isEqualTo(8);
    assertThat(head.etag()).isEqualTo(written.etag()).isNotBlank();
    assertThat(head.key()).isEqualTo("runs/r1/facts.json");
    assertThat(head.bucket()).isEqualTo(bucket);
    assertThat(written.size()).isEqualTo(8);
  }

  @Test
  void shouldStoreEmptyObject() throws Exception {
    await(store.put(bucket, "empty", Buffer.buffer()));

    assertThat(await(store.get(bucket, "empty")).length()).isZero();
    assertThat(await(store.head(bucket, "empty")).orElseThrow().size()).isZero();
  }

  @Test
  void shouldReportMissingObjects() throws Exception {
    assertThat(await(store.head(bucket, "nope/missing.json"))).isEmpty();
    assertThat(failure(store.get(bucket, "nope/missing.json"))).isInstanceOf(NoSuchObjectException.class)
        .hasMessageContaining("nope/missing.json");
    assertThat(failure(store.getRange(bucket, "nope/missing.json", 0, 10))).isInstanceOf(NoSuchObjectException.class);
    assertThat(failure(store.getToFile(bucket, "nope/missing.json", scratch.resolve("x"))))
        .isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void shouldFailOperationsOnMissingBucket() throws Exception {
    String missing = uniqueBucket();

    assertThat(await(store.bucketExists(missing))).isFalse();
    assertThat(failure(store.put(missing, "k", text("x")))).isInstanceOf(NoSuchObjectException.class);
    assertThat(failure(store.get(missing, "k"))).isInstanceOf(NoSuchObjectException.class);
    assertThat(failure(store.list(missing, ""))).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void shouldCreateBucketIdempotently() throws Exception {
    await(store.ensureBucket(bucket));

    assertThat(await(store.bucketExists(bucket))).isTrue();
  }

  @Test
  void shouldListByPrefixSortedByKey() throws Exception {
    List<String> keys = new ArrayList<>(List.of("a/10", "a/2", "a/1", "a/sub/x", "ab", "b/1", "a/B", "a/~"));
    Collections.shuffle(keys, new Random(7));
    for (String key : keys) {
      await(store.put(bucket, key, text(key)));
    }

    assertThat(keys(await(store.list(bucket, "a/")))).containsExactly("a/1", "a/10", "a/2", "a/B", "a/sub/x", "a/~");
    assertThat(keys(await(store.list(bucket, "a")))).containsExactly("a/1", "a/10", "a/2", "a/B", "a/sub/x", "a/~",
        "ab");
    assertThat(keys(await(store.list(bucket, "a/s")))).containsExactly("a/sub/x");
    assertThat(keys(await(store.list(bucket, "")))).hasSize(8).isSortedAccordingTo(ObjectKeys.UTF8_ORDER);
    assertThat(await(store.list(bucket, "zzz/"))).isEmpty();
  }

  @Test
  void shouldListTheSameMetadataAsHead() throws Exception {
    await(store.put(bucket, "m/one", text("12345")));

    ObjectMeta listed = await(store.list(bucket, "m/")).get(0);
    ObjectMeta head = await(store.head(bucket, "m/one")).orElseThrow();
    assertThat(listed.size()).isEqualTo(5);
    assertThat(listed.etag()).isEqualTo(head.etag());
  }

  @Test
  void shouldReplaceContentAndEtagOnOverwrite() throws Exception {
    ObjectMeta first = await(store.put(bucket, "k", text("one")));
    ObjectMeta second = await(store.put(bucket, "k", text("two!")));

    assertThat(await(store.get(bucket, "k")).toString()).isEqualTo("two!");
    assertThat(second.etag()).isNotEqualTo(first.etag());
    assertThat(await(store.head(bucket, "k")).orElseThrow().etag()).isEqualTo(second.etag());
  }

  @Test
  void shouldRefuseSecondPutIfAbsentAndKeepContent() throws Exception {
    await(store.putIfAbsent(bucket, "once", text("first")));

    assertThat(failure(store.putIfAbsent(bucket, "once", text("second")))).isInstanceOf(ConditionFailedException.class)
        .hasMessageContaining("once");
    assertThat(await(store.get(bucket, "once")).toString()).isEqualTo("first");
  }

  @Test
  void shouldLetExactlyOneConcurrentPutIfAbsentWin() throws Exception {
    assumeAtomicConditionalWrites();
    List<Future<ObjectMeta>> attempts = IntStream.range(0, 16)
        .mapToObj(i -> store.putIfAbsent(bucket, "race", text("writer-" + i))).toList();
    List<String> winners = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      try {
        await(attempts.get(i));
        winners.add("writer-" + i);
      } catch (ConditionFailedException lost) {
        // another writer won the race
      }
    }

    assertThat(winners).hasSize(1);
    assertThat(await(store.get(bucket, "race")).toString()).isEqualTo(winners.get(0));
  }

  @Test
  void shouldReplaceWhenEtagIsCurrent() throws Exception {
    ObjectMeta v1 = await(store.put(bucket, "doc", text("v1")));

    ObjectMeta v2 = await(store.putIfMatch(bucket, "doc", text("v2"), v1.etag()));

    assertThat(await(store.get(bucket, "doc")).toString()).isEqualTo("v2");
    assertThat(v2.etag()).isNotEqualTo(v1.etag());
  }

  @Test
  void shouldRejectStaleEtag() throws Exception {
    ObjectMeta v1 = await(store.put(bucket, "doc", text("v1")));
    await(store.put(bucket, "doc", text("v2")));

    assertThat(failure(store.putIfMatch(bucket, "doc", text("v3"), v1.etag())))
        .isInstanceOf(ConditionFailedException.class);
    assertThat(await(store.get(bucket, "doc")).toString()).isEqualTo("v2");
  }

  @Test
  void shouldRejectPutIfMatchOnAbsentObject() throws Exception {
    ObjectMeta other = await(store.put(bucket, "other", text("x")));

    assertThat(failure(store.putIfMatch(bucket, "absent", text("x"), other.etag())))
        .isInstanceOf(ConditionFailedException.class);
    assertThat(await(store.head(bucket, "absent"))).isEmpty();
  }

  @Test
  void shouldCreateObjectOnFirstAppendAndExtendItAfterwards() throws Exception {
    await(store.append(bucket, "log/a.jsonl", text("{\"n\":1}\n")));
    ObjectMeta last = await(store.append(bucket, "log/a.jsonl", text("{\"n\":2}\n")));

    assertThat(await(store.get(bucket, "log/a.jsonl")).toString()).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    assertThat(last.etag()).isEqualTo(await(store.head(bucket, "log/a.jsonl")).orElseThrow().etag());
  }

  @Test
  void shouldKeepEachSuccessfulAppendExactlyOnceWhenAppendersRace() throws Exception {
    assumeAtomicConditionalWrites();
    List<List<Future<ObjectMeta>>> outcomes = raceAppenders(store, "race.log", 8, 6);

    List<String> acked = new ArrayList<>();
    for (int a = 0; a < outcomes.size(); a++) {
      for (int i = 0; i < outcomes.get(a).size(); i++) {
        try {
          await(outcomes.get(a).get(i));
          acked.add(line(a, i));
        } catch (AppendConflictException e) {
          assertThat(e).hasMessageContaining(AppendConflictException.CODE);
        }
      }
    }
    assertThat(lines(await(store.get(bucket, "race.log")))).containsExactlyInAnyOrderElementsOf(acked);
  }

  @Test
  void shouldCompleteEveryAppendWhenAttemptsSuffice() throws Exception {
    assumeAtomicConditionalWrites();
    ObjectStore patient = newStore(vertx, 1000, 2);
    try {
      List<List<Future<ObjectMeta>>> outcomes = raceAppenders(patient, "all.log", 8, 5);
      for (List<Future<ObjectMeta>> appender : outcomes) {
        await(Future.all(appender));
      }
      List<String> expected = IntStream.range(0, 8).boxed()
          .flatMap(a -> IntStream.range(0, 5).mapToObj(i -> line(a, i))).toList();
      assertThat(lines(await(store.get(bucket, "all.log")))).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      await(patient.close());
    }
  }

  /** {@code appenders} concurrent chains, each appending {@code perAppender} lines one after the other. */
  private List<List<Future<ObjectMeta>>> raceAppenders(ObjectStore s, String key, int appenders, int perAppender) {
    String target = bucket;
    List<List<Future<ObjectMeta>>> all = new ArrayList<>();
    for (int a = 0; a < appenders; a++) {
      List<Future<ObjectMeta>> chain = new ArrayList<>();
      Future<?> previous = Future.succeededFuture();
      for (int i = 0; i < perAppender; i++) {
        String line = line(a, i) + "\n";
        Future<ObjectMeta> next = previous.transform(ignored -> s.append(target, key, text(line)));
        chain.add(next);
        previous = next;
      }
      all.add(chain);
    }
    return all;
  }

  private static String line(int appender, int i) {
    return "appender-" + appender + "-line-" + i;
  }

  private static List<String> lines(Buffer content) {
    return content.toString().lines().toList();
  }

  @Test
  void shouldReturnRequestedRange() throws Exception {
    byte[] bytes = new byte[1000];
    new Random(1).nextBytes(bytes);
    await(store.put(bucket, "blob", Buffer.buffer(bytes)));

    assertThat(await(store.getRange(bucket, "blob", 10, 20)).getBytes()).isEqualTo(slice(bytes, 10, 20));
    assertThat(await(store.getRange(bucket, "blob", 0, 1000)).getBytes()).isEqualTo(bytes);
    assertThat(await(store.getRange(bucket, "blob", 990, 50)).getBytes()).isEqualTo(slice(bytes, 990, 10));
    assertThat(await(store.getRange(bucket, "blob", 2000, 10)).length()).isZero();
    assertThat(await(store.getRange(bucket, "blob", 5, 0)).length()).isZero();
  }

  private static byte[] slice(byte[] bytes, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, from, out, 0, length);
    return out;
  }

  @Test
  void shouldRoundTripFileUploadAndDownload() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new Random(2).nextBytes(bytes);
    Path source = Files.write(scratch.resolve("upload.bin"), bytes);
    Path target = scratch.resolve("down/loaded.bin");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "stale content to be replaced");

    ObjectMeta meta = await(store.putFile(bucket, "files/upload.bin", source));
    await(store.getToFile(bucket, "files/upload.bin", target));

    assertThat(meta.size()).isEqualTo(bytes.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    assertThat(await(store.get(bucket, "files/upload.bin")).getBytes()).isEqualTo(bytes);
    assertThat(await(store.head(bucket, "files/upload.bin")).orElseThrow().etag()).isEqualTo(meta.etag());
    try (var siblings = Files.list(target.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("loaded.bin");
    }
    Path fresh = scratch.resolve("fresh-" + bucket + "/nested/copy.bin");
    await(store.getToFile(bucket, "files/upload.bin", fresh));
    assertThat(Files.readAllBytes(fresh)).isEqualTo(bytes);
  }

  @Test
  void shouldDeleteObjectAndTolerateDeletingAbsentOne() throws Exception {
    await(store.put(bucket, "gone", text("x")));

    await(store.delete(bucket, "gone"));
    await(store.delete(bucket, "gone"));

    assertThat(await(store.head(bucket, "gone"))).isEmpty();
  }

  @Test
  void shouldDeleteEveryObjectUnderPrefixOnly() throws Exception {
    for (String key : List.of("run/1/a", "run/1/b/c", "run/10/a", "keep/x")) {
      await(store.put(bucket, key, text(key)));
    }

    assertThat(await(store.deletePrefix(bucket, "run/1/"))).isEqualTo(2);

    assertThat(keys(await(store.list(bucket, "")))).containsExactly("keep/x", "run/10/a");
    assertThat(await(store.deletePrefix(bucket, "nothing/"))).isZero();
  }

  @Test
  void shouldStoreEveryByteValue() throws Exception {
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }

    await(store.put(bucket, "bytes.bin", Buffer.buffer(bytes)));

    assertThat(await(store.get(bucket, "bytes.bin")).getBytes()).isEqualTo(bytes);
  }

  @Test
  void shouldHandleNestedAndUnicodeKeys() throws Exception {
    List<String> keys = List.of("deep/a/b/c/d/e/f.json", "unicode/é/日本語/🚀.txt", "odd/space key+plus=eq&amp;(1)",
        "odd/ä%20literal", "odd/..dots..");
    for (String key : keys) {
      await(store.put(bucket, key, text("content of " + key)));
    }

    for (String key : keys) {
      assertThat(await(store.get(bucket, key)).toString()).isEqualTo("content of " + key);
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(ObjectKeys.UTF8_ORDER);
    assertThat(keys(await(store.list(bucket, "")))).containsExactlyElementsOf(sorted);
  }

  @Test
  void shouldRejectKeysThatEscapeTheBucket() throws Exception {
    for (String key : List.of("../escape", "a/../../escape", "/absolute", "a//b", "a\\b", "a/./b", "trailing/", "",
        ".fp-tmp-1-x", "a/.fp-locks/000.lock", "ctl\u0001char")) {
      Throwable err = failure(store.put(bucket, key, text("x")));
      assertThat(err).as("key %s", key).isExactlyInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("invalid key");
      if (!key.isEmpty()) {
        assertThat(err).hasMessageContaining(key);
      }
    }
    assertThat(failure(store.list(bucket, "../"))).isExactlyInstanceOf(ObjectStoreException.class);
    assertThat(failure(store.get(bucket, "../escape"))).isExactlyInstanceOf(ObjectStoreException.class);
  }

  @Test
  void shouldNameTheObjectInUri() {
    assertThat(store.uri(bucket, "a/b.json")).contains(bucket).endsWith("a/b.json");
  }

  static List<String> keys(List<ObjectMeta> metas) {
    return metas.stream().map(ObjectMeta::key).toList();
  }
}
