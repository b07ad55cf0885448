package dev.fp.rtdl.csfb;

import dev.fp.platform.stream.StreamPlatform;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** CSFB on the parity substrate: PostgreSQL state and leases, kinesalite, S3Mock. */
@Tag("parity")
class ParityCsfbTest extends CsfbContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.parity(dir, components);
  }
}
