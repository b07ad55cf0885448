package dev.fp.rtdl.aw;

import dev.fp.platform.stream.StreamPlatform;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

/** AW on the parity substrate: PostgreSQL state and leases, kinesalite, S3Mock. */
@Tag("parity")
class ParityArchiveWriterTest extends ArchiveWriterContractTest {
  @Override
  StreamPlatform open(Path dir, String components) throws Exception {
    return StreamPlatform.parity(dir, components);
  }
}
