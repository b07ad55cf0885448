package dev.fp.obsgov.report;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Embedded: the OS file lock under the run's obs folder (a second lease in the same process is refused too). */
class FileReporterLockTest extends ReporterLockContractTest {
  @TempDir
  Path platformRoot;

  @Override
  protected ReporterLock lock(Vertx vertx) {
    return new FileReporterLock(vertx, platformRoot);
  }

  @Override
  protected ReporterLock secondHandle(Vertx vertx) {
    return new FileReporterLock(vertx, platformRoot);
  }
}
