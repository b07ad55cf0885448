package dev.fp.substrate.eventlog;

import dev.fp.substrate.sql.Db;
import dev.fp.substrate.sql.SqlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fp.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conformance suite on {@link FileEventLog} with SQLite checkpoints, plus crash safety and file damage. */
class FileEventLogTest extends EventLogConformanceTest {
  @TempDir
  Path tmp;

  @Override
  protected EventLog newLog(Vertx vertx) throws Exception {
    return new FileEventLog(vertx, tmp.resolve("bus"), true);
  }

  @Override
  protected Future<Db> openDb(Vertx vertx) throws Exception {
    return Db.open(vertx, new SqlConfig("sqlite", tmp.resolve("state/platform.db"), null));
  }

  @Override
  protected String staleOffset() throws Exception {
    return "999999";
  }

  @Test
  void shouldWriteOneJsonLinePerRecordWithTheEnvelopeAsPayload() throws Exception {
    String t = topic("layout");
    await(log.createTopic(t, 1));
    await(log.publish(t, List.of(new OutRecord("k1", "{\"event_id\":\"e1\"}"), new OutRecord("k2", "text"))));
    List<String> lines = Files.readAllLines(tmp.resolve("bus").resolve(t).resolve("partition=0.jsonl"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("\\{\"partition_key\":\"k1\",\"payload\":\\{\"event_id\":\"e1\"},"
        + "\"published_at_utc\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\"}");
    assertThat(lines.get(1)).contains("\"payload\":\"text\"");
    assertThat(Files.readString(tmp.resolve("bus").resolve(t).resolve("topic.json"))).contains("\"partitions\":1");
  }

  @Test
  void shouldHideTornTailAndRepairItOnNextAppend() throws Exception {
    String t = topic("torn");
    await(log.createTopic(t, 1));
    await(log.publish(t, records("k", 0, 2)));
    Path file = tmp.resolve("bus").resolve(t).resolve("partition=0.jsonl");
    Files.writeString(file, "{\"partition_key\":\"k\",\"pay", StandardOpenOption.APPEND);

    EventLog reopened = newLog(vertx);
    assertThat(readAll(reopened, t)).hasSize(2);
    List<EbRef> refs = await(reopened.publish(t, records("k", 2, 1)));
    assertThat(refs.get(0).offset()).isEqualTo("2");
    assertThat(readAll(reopened, t)).extracting(LogRecord::data).containsExactlyElementsOf(
        records("k", 0, 3).stream().map(OutRecord::data).toList());
    assertThat(Files.readAllLines(file)).hasSize(3);
    await(reopened.close());
  }

  @Test
  void shouldFailReadOfCorruptLineNamingTopicPartitionAndLine() throws Exception {
    String t = topic("corrupt");
    await(log.createTopic(t, 1));
    await(log.publish(t, records("k", 0, 3)));
    Path file = tmp.resolve("bus").resolve(t).resolve("partition=0.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(1, "this is not json");
    Files.write(file, lines);

    EventLog reopened = newLog(vertx);
    assertThatThrownBy(() -> await(reopened.read(t, 0, Position.trimHorizon(), 10)))
        .isInstanceOfSatisfying(CorruptLogException.class, e -> {
          assertThat(e.topic()).isEqualTo(t);
          assertThat(e.partition()).isZero();
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.getMessage()).contains(t, "partition 0", "line 1");
        });
    assertThat(await(reopened.read(t, 0, Position.after("1"), 10)).records()).extracting(LogRecord::offset)
        .containsExactly("2");
    await(reopened.close());
  }

  /**
   * Two child JVMs publish to the same topic at once and are killed with SIGKILL mid-stream, three times over. Every
   * record they acknowledged is at its acknowledged offset, every line is a whole record, and a reader kept open the
   * whole time sees the other processes' appends.
   */
  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldKeepEveryAcknowledgedRecordThroughKill9OfConcurrentWriters() throws Exception {
    Path root = tmp.resolve("crash-bus");
    String t = "crash";
    Map<String, String> ackedAt = new HashMap<>();
    EventLog reader = new FileEventLog(vertx, root, true);
    List<Process> children = new ArrayList<>();
    try {
      for (int round = 0; round < 3; round++) {
        Process a = child(root, t, "r" + round + "a");
        Process b = child(root, t, "r" + round + "b");
        children.addAll(List.of(a, b));
        BufferedReader outA = stdout(a);
        BufferedReader outB = stdout(b);
        collectAcks(outA, 40 + 37 * round, ackedAt);
        kill9(a);
        kill9(b);
        drainAcks(outA, ackedAt);
        drainAcks(outB, ackedAt);
        assertAcked(reader, t, ackedAt);
      }
    } finally {
      children.forEach(p -> p.toHandle().destroyForcibly());
    }
    assertThat(ackedAt).hasSizeGreaterThan(100);

    EventLog reopened = new FileEventLog(vertx, root, true);
    assertAcked(reopened, t, ackedAt);
    EbRef ref = await(reopened.publish(t, List.of(new OutRecord("after", "{\"id\":\"after-crash\"}")))).get(0);
    assertThat(await(reopened.read(t, ref.partition(), Position.after(Long.toString(Long.parseLong(ref.offset()) - 1)),
        1)).records().get(0).data()).contains("after-crash");
    await(reopened.close());
    await(reader.close());
  }

  private void assertAcked(EventLog reader, String t, Map<String, String> ackedAt) throws Exception {
    Map<String, String> present = new HashMap<>();
    for (int p = 0; p < 3; p++) {
      for (LogRecord r : readAll(reader, t, p)) {
        String id = r.data().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        assertThat(present.put(id, p + ":" + r.offset())).as("record %s appears once", id).isNull();
      }
    }
    ackedAt.forEach((id, where) -> assertThat(present.get(id)).as("acked record %s", id).isEqualTo(where));
  }

  private static Process child(Path root, String topic, String prefix) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"),
        FileLogCrashChild.class.getName(), root.toString(), topic, "3", prefix)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static BufferedReader stdout(Process p) throws Exception {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** SIGKILL through the process handle, which (unlike Process.destroyForcibly) leaves its stdout readable. */
  private static void kill9(Process p) throws Exception {
    p.toHandle().destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static void collectAcks(BufferedReader in, int count, Map<String, String> ackedAt) throws Exception {
    int seen = 0;
    for (String line = in.readLine(); line != null && seen < count; line = in.readLine()) {
      seen += ack(line, ackedAt);
    }
    assertThat(seen).as("acks before the kill").isGreaterThanOrEqualTo(count);
  }

  /** Acks a child printed before it died count too. */
  private static void drainAcks(BufferedReader in, Map<String, String> ackedAt) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      ack(line, ackedAt);
    }
  }

  private static int ack(String line, Map<String, String> ackedAt) throws Exception {
    String[] f = line.split(" ");
    if (f.length != 4 || !f[0].equals("ACK")) {
      return 0;
    }
    ackedAt.put(f[1], f[2] + ":" + f[3]);
    return 1;
  }

  private List<LogRecord> readAll(EventLog reader, String t) throws Exception {
    return readAll(reader, t, 0);
  }

  private List<LogRecord> readAll(EventLog reader, String t, int p) throws Exception {
    EventLog saved = log;
    log = reader;
    try {
      return readAll(t, p);
    } finally {
      log = saved;
    }
  }
}
