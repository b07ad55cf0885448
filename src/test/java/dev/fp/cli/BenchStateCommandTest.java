package dev.fp.cli;

import dev.fp.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fp bench state} end to end on a tiny workload: windows, summary lines, and nothing left behind. */
class BenchStateCommandTest {

  @Test
  void shouldPrintEveryWindowAndTheSummaryThenRemoveItsStore() {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(new String[] {"bench", "state", "--admissions", "3000", "--batch-size", "500",
          "--report-every", "1000", "--gets", "200", "--lanes", "2"});
    } finally {
      System.setOut(oldOut);
    }
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(code).as(text).isZero();
    assertThat(text).contains("off-heap budget 384 MiB (block cache 256 + memtables 128)")
        .containsPattern("admissions 0-1,000: [\\d,]+/s").containsPattern("admissions 2,000-3,000: [\\d,]+/s")
        .contains("overall: 3,000 admissions in").contains("(12 commits, 9,000 row writes)")
        .contains("get (random present key, one at a time from an event loop, 200 gets): p50")
        .contains("RSS after the run: ");
    Matcher store = Pattern.compile("store: rocksdb (\\S+),").matcher(text);
    assertThat(store.find()).isTrue();
    assertThat(Files.exists(Path.of(store.group(1)))).isFalse();
  }
}
