package dev.fp.rtdl;

/** The decision lane killed in every window on the embedded substrate (RocksDB, file log, SQLite). */
class EmbeddedDecisionLaneCrashTest extends DecisionLaneCrashTest {
  @Override
  String substrate() {
    return "";
  }
}
