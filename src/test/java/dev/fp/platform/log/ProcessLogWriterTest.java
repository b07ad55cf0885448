package dev.fp.platform.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogWriterTest {
  @TempDir
  Path dir;
  final List<String> problems = new CopyOnWriteArrayList<>();

  @Test
  void shouldWriteEveryQueuedLineInOrderBeforeClosing() throws Exception {
    ProcessLogWriter writer = new ProcessLogWriter(10_000, problems::add);
    ProcessLogWriter.LogFile file = new ProcessLogWriter.LogFile(dir.resolve("logs/p.log"));
    IntStream.range(0, 5000).forEach(i -> writer.offer(file, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
    writer.close(file);

    List<String> expected = new ArrayList<>();
    IntStream.range(0, 5000).forEach(i -> expected.add("line " + i));
    assertThat(Files.readAllLines(dir.resolve("logs/p.log"))).isEqualTo(expected);
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldSayHowManyLinesWereDroppedWhenTheQueueWasFull() throws Exception {
    ProcessLogWriter writer = new ProcessLogWriter(1, problems::add);
    ProcessLogWriter.LogFile file = new ProcessLogWriter.LogFile(dir.resolve("p.log"));
    IntStream.range(0, 2000).forEach(i -> writer.offer(file, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
    writer.close(file);

    List<String> lines = Files.readAllLines(dir.resolve("p.log"));
    long written = lines.stream().filter(l -> l.startsWith("line ")).count();
    long dropped = lines.stream().filter(l -> l.startsWith("[process log] ")).mapToLong(
        l -> Long.parseLong(l.split(" ")[2])).sum();
    assertThat(written + dropped).as("every line is either written or counted in a notice").isEqualTo(2000);
    assertThat(dropped).isPositive();
    assertThat(lines).filteredOn(l -> l.startsWith("[process log] ")).allMatch(
        l -> l.endsWith(" line(s) dropped here: the log queue (1 lines) was full"));
  }

  @Test
  void shouldAppendALineThatRacedItsFilesClose() throws Exception {
    ProcessLogWriter writer = new ProcessLogWriter(16, problems::add);
    ProcessLogWriter.LogFile file = new ProcessLogWriter.LogFile(dir.resolve("p.log"));
    writer.offer(file, "first\n".getBytes(StandardCharsets.UTF_8));
    writer.close(file);
    writer.offer(file, "late\n".getBytes(StandardCharsets.UTF_8));
    writer.drain();

    assertThat(Files.readAllLines(dir.resolve("p.log"))).containsExactly("first", "late");
  }
}
