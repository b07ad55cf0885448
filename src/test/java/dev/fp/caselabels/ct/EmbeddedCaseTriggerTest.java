package dev.fp.caselabels.ct;

/** CT and IG on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedCaseTriggerTest extends CaseTriggerContractTest {
  @Override
  String substrate() {
    return "";
  }
}
