package dev.fp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir
  Path dir;

  @Test
  void shouldListTheRegularFilesItKeepsSortedWithinTheDepth() throws Exception {
    Files.createDirectories(dir.resolve("b/reconciliation/deep"));
    Files.createDirectories(dir.resolve("a/reconciliation"));
    Files.writeString(dir.resolve("b/reconciliation/r.json"), "{}");
    Files.writeString(dir.resolve("a/reconciliation/r.json"), "{}");
    Files.writeString(dir.resolve("a/reconciliation/notes.txt"), "x");
    Files.writeString(dir.resolve("b/reconciliation/deep/too-deep.json"), "{}");

    assertThat(FileTrees.regularFiles(dir, 3, p -> p.toString().endsWith(".json")))
        .containsExactly(dir.resolve("a/reconciliation/r.json"), dir.resolve("b/reconciliation/r.json"));
    assertThat(FileTrees.regularFiles(dir.resolve("absent"), 3, p -> true)).isEmpty();
  }

  /** A writer renaming temp files into place while the tree is read: the listing never fails (Files.find did). */
  @Test
  void shouldSkipEntriesThatVanishWhileTheTreeIsRead() throws Exception {
    Path live = Files.createDirectories(dir.resolve("component/metrics"));
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; !stop.get(); i++) {
          Path tmp = live.resolve(".last.json.tmp-" + i);
          Files.writeString(tmp, "{}");
          Files.move(tmp, live.resolve("last.json"), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    try {
      for (int i = 0; i < 2_000; i++) {
        List<Path> files = FileTrees.regularFiles(dir, 3, p -> p.getFileName().toString().equals("last.json"));
        assertThat(files).hasSizeLessThanOrEqualTo(1);
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(FileTrees.regularFiles(dir, 3, p -> true)).containsExactly(live.resolve("last.json"));
  }
}
