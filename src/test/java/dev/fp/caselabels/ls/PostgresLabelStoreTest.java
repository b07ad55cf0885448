package dev.fp.caselabels.ls;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** LS on the parity store: PostgreSQL for the StateStore and the lease. */
class PostgresLabelStoreTest extends LabelStoreContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.postgres(dir, components);
  }
}
