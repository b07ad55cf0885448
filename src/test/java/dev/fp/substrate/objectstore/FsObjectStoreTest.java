package dev.fp.substrate.objectstore;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.fp.testing.Await.await;
import static dev.fp.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The conformance suite on the directory tree, plus what only a file system adapter can get wrong. */
class FsObjectStoreTest extends ObjectStoreConformanceTest {

  @Override
  protected ObjectStoreConfig config(int appendMaxAttempts, int appendBackoffMs) {
    return new ObjectStoreConfig("fs", root(), null, appendMaxAttempts, appendBackoffMs);
  }

  private Path root() {
    return scratch.resolve("objects");
  }

  @Test
  void shouldKeepObjectsAtRootBucketKey() throws Exception {
    await(store.put(bucket, "runs/r1/facts.json", text("{}")));

    assertThat(root().resolve(bucket).resolve("runs/r1/facts.json")).hasContent("{}");
    assertThat(store.uri(bucket, "runs/r1/facts.json")).isEqualTo(root().toAbsolutePath().normalize()
        .resolve(bucket).resolve("runs/r1/facts.json").toString());
  }

  @Test
  void shouldUseContentSha256AsEtagAlsoForFilesPlacedByHand() throws Exception {
    ObjectMeta written = await(store.put(bucket, "k", text("abc")));
    Files.createDirectories(root().resolve(bucket).resolve("hand"));
    Files.writeString(root().resolve(bucket).resolve("hand/placed.txt"), "abc");

    String sha = FsStoreChild.sha256("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(written.etag()).isEqualTo(sha);
    assertThat(await(store.head(bucket, "hand/placed.txt")).orElseThrow().etag()).isEqualTo(sha);
    await(store.putIfMatch(bucket, "hand/placed.txt", text("abcd"), sha));
    assertThat(root().resolve(bucket).resolve("hand/placed.txt")).hasContent("abcd");
  }

  @Test
  void shouldHideTempFilesAndSweepThoseOfDeadProcesses() throws Exception {
    await(store.put(bucket, "dir/real", text("real")));
    Path dir = root().resolve(bucket).resolve("dir");
    Path dead = Files.writeString(dir.resolve(LocalFiles.TEMP_PREFIX + deadPid() + "-abc"), "half-writ");
    Path live = Files.writeString(dir.resolve(LocalFiles.TEMP_PREFIX + ProcessHandle.current().pid() + "-abc"), "in");

    assertThat(keys(await(store.list(bucket, "")))).containsExactly("dir/real");
    FsObjectStore reopened = (FsObjectStore) newStore(vertx, 5, 50);
    try {
      assertThat(await(reopened.startupSweep())).isEqualTo(1);
    } finally {
      await(reopened.close());
    }
    assertThat(dead).doesNotExist();
    assertThat(live).exists();
    Files.delete(live);
  }

  @Test
  void shouldRefuseKeyThatIsAlsoAPrefixOfAnotherKey() throws Exception {
    await(store.put(bucket, "a", text("file")));

    assertThat(failure(store.put(bucket, "a/b", text("x")))).isExactlyInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("a/b");
    assertThat(await(store.get(bucket, "a")).toString()).isEqualTo("file");
  }

  @Test
  void shouldNotLoseAppendsOfConcurrentProcesses() throws Exception {
    List<Process> children = List.of(child("append", "p1", "25"), child("append", "p2", "25"));
    ObjectStore patient = newStore(vertx, 1000, 2);
    try {
      for (int i = 0; i < 25; i++) {
        await(patient.append(bucket, FsStoreChild.SHARED_KEY, Buffer.buffer("parent-" + i + "\n")));
      }
      for (Process child : children) {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
      }
    } finally {
      children.forEach(Process::destroyForcibly);
      await(patient.close());
    }

    List<String> expected = Stream.of("parent", "p1", "p2")
        .flatMap(tag -> IntStream.range(0, 25).mapToObj(i -> tag + "-" + i)).toList();
    assertThat(await(store.get(bucket, FsStoreChild.SHARED_KEY)).toString().lines().toList())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldShowOnlyWholeObjectsAfterKillNineMidWrite() throws Exception {
    List<String> acked = new ArrayList<>();
    List<Integer> tempsAfterKill = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      acked.addAll(killMidWrite("r" + round));
      tempsAfterKill.add(bucketTempFiles().size());
    }
    int tempFilesLeft = bucketTempFiles().size();

    FsObjectStore reopened = (FsObjectStore) newStore(vertx, 5, 50);
    try {
      int swept = await(reopened.startupSweep());
      System.out.printf("crash test: %d acknowledged writes, temp files after each kill %s, %d swept%n",
          acked.size(), tempsAfterKill, swept);
      assertThat(swept).isEqualTo(tempFilesLeft);
      assertThat(bucketTempFiles()).isEmpty();
      assertEveryBlobWhole(reopened, acked);
      assertEveryAckedLinePresentOnce(reopened, acked);
    } finally {
      await(reopened.close());
    }
  }

  /**
   * Starts a crash-loop child, lets it acknowledge a few writes, then kills it with SIGKILL as soon as one of its temp
   * files exists (so the kill lands mid-write, not between writes); returns what it acknowledged.
   */
  private List<String> killMidWrite(String tag) throws Exception {
    Process child = child("crash", tag);
    Queue<String> acks = new ConcurrentLinkedQueue<>();
    Thread reader = new Thread(() -> readLines(child, acks));
    reader.start();
    awaitCondition(() -> acks.stream().filter(a -> a.startsWith("ACK ")).count() >= 2 || !child.isAlive(), 30);
    String childTemps = LocalFiles.TEMP_PREFIX + child.pid() + "-";
    awaitCondition(() -> bucketTempFiles().stream()
        .anyMatch(t -> t.getFileName().toString().startsWith(childTemps)), 5);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    assertThat(acks).as("child %s acknowledged writes before the kill", tag).anyMatch(a -> a.startsWith("ACK "));
    return new ArrayList<>(acks);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitCondition(Check check, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.holds() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private void assertEveryBlobWhole(ObjectStore s, List<String> acked) throws Exception {
    List<ObjectMeta> blobs = await(s.list(bucket, "blobs/"));
    for (ObjectMeta blob : blobs) {
      assertThat(FsStoreChild.isWhole(await(s.get(bucket, blob.key())))).as("blob %s is whole", blob.key()).isTrue();
    }
    List<String> putKeys = acked.stream().filter(a -> a.startsWith("PUT ")).map(a -> a.substring(4)).toList();
    assertThat(keys(blobs)).containsAll(putKeys).contains("blobs/current");
  }

  private void assertEveryAckedLinePresentOnce(ObjectStore s, List<String> acked) throws Exception {
    Map<String, Integer> seen = new HashMap<>();
    for (String line : await(s.get(bucket, FsStoreChild.LOG_KEY)).toString().split("\n", -1)) {
      if (!line.isEmpty()) {
        String id = FsStoreChild.logLineId(line);
        assertThat(id).as("log line is whole").isNotNull();
        seen.merge(id, 1, Integer::sum);
      }
    }
    assertThat(seen.values()).allMatch(n -> n == 1);
    List<String> ackedIds = acked.stream().filter(a -> a.startsWith("ACK ")).map(a -> a.substring(4)).toList();
    assertThat(seen.keySet()).containsAll(ackedIds);
  }

  private List<Path> bucketTempFiles() throws IOException {
    return tempFiles(root().resolve(bucket));
  }

  /** Temp files below {@code under}; empty when one vanished mid-walk (a live writer renames them): look again. */
  private static List<Path> tempFiles(Path under) throws IOException {
    try (Stream<Path> files = Files.walk(under)) {
      return files.filter(LocalFiles::isTemp).toList();
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
        return List.of();
      }
      throw e;
    }
  }

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        FsStoreChild.class.getName(), args[0], root().toString(), bucket));
    command.addAll(List.of(args).subList(1, args.length));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void readLines(Process child, Queue<String> into) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        into.add(line);
      }
    } catch (IOException e) {
      // the stream breaks when the child is killed; what was read before counts
    }
  }

  /** The pid of a process that has already exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
