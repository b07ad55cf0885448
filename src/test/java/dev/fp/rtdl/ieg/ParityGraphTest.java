package dev.fp.rtdl.ieg;

import dev.fp.platform.stream.StreamPlatform;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** IEG on the parity substrate: PostgreSQL state and leases, kinesalite, S3Mock. */
@Tag("parity")
class ParityGraphTest extends GraphContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.parity(dir, components);
  }
}
