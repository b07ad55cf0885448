package dev.fp.cli;

import dev.fp.testing.FpCli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.fp.testing.FpCli.fp;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code fp bench state} end to end on a tiny workload: windows, summary lines, and nothing left behind. */
class BenchStateCommandTest {

  @Test
  void shouldPrintEveryWindowAndTheSummaryThenRemoveItsStore() {
    FpCli.Result r = fp("bench", "state", "--admissions", "3000", "--batch-size", "500", "--report-every", "1000",
        "--gets", "200", "--lanes", "2");
    String text = r.out();

    assertThat(r.code()).as(text + r.err()).isZero();
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
