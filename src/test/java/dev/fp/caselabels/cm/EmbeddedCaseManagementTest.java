package dev.fp.caselabels.cm;

/** CM on the embedded substrate: RocksDB, file log, SQLite. */
class EmbeddedCaseManagementTest extends CaseManagementContractTest {
  @Override
  String substrate() {
    return "";
  }
}
