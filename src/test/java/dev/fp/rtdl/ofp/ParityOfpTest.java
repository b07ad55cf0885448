package dev.fp.rtdl.ofp;

import dev.fp.platform.stream.StreamPlatform;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** OFP on the parity substrate: PostgreSQL state and leases, kinesalite, S3Mock. */
@Tag("parity")
class ParityOfpTest extends OfpContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.parity(dir, components);
  }
}
