package dev.fp.caselabels.ct;

/** CT killed in every window on the embedded substrate (RocksDB, file log, SQLite). */
class EmbeddedCaseTriggerCrashTest extends CaseTriggerCrashTest {
  @Override
  String substrate() {
    return "";
  }
}
