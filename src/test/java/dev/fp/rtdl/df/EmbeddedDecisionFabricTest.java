package dev.fp.rtdl.df;

/** DF, IG and AL on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedDecisionFabricTest extends DecisionFabricContractTest {
  @Override
  String substrate() {
    return "";
  }
}
