package dev.fp.rtdl.al;

/** AL and IG on the embedded substrate: RocksDB, file log, folder object store, SQLite. */
class EmbeddedActionLayerTest extends ActionLayerContractTest {
  @Override
  String substrate() {
    return "";
  }
}
