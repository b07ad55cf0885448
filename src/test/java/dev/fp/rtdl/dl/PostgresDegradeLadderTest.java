package dev.fp.rtdl.dl;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** DL on the parity store: PostgreSQL for the StateStore and the lease. */
class PostgresDegradeLadderTest extends DegradeLadderContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.postgres(dir, components);
  }
}
