package dev.fp.rtdl.dla;

import dev.fp.platform.stream.StreamPlatform;

import java.nio.file.Path;

/** DLA on the parity substrate: PostgreSQL, kinesalite and S3Mock. */
class ParityDecisionLogAuditTest extends DecisionLogAuditContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.parity(dir, components);
  }
}
