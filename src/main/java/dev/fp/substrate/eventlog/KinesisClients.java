package dev.fp.substrate.eventlog;

import dev.fp.substrate.eventlog.EventLogConfig.KinesisSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Builds the {@link KinesisAsyncClient} from the profile: Netty client (HTTP/1.1 when {@code http1}, which kinesalite
 * needs), region, static credentials, endpoint override when set. The Netty event loops are ours, not the SDK's, so
 * closing can skip the SDK's two-second graceful quiet period ({@link #close}).
 *
 * <p>CBOR: the SDK reads the JVM-wide system property {@code aws.cborEnabled} ({@link SdkSystemSetting#CBOR_ENABLED})
 * when it builds a client, so it is set here, just before building, from {@code cbor} (kinesalite and kinesis-mock
 * want JSON). Every Kinesis client built afterwards in this JVM sees the same value.
 */
final class KinesisClients {
  static final int MAX_CONCURRENCY = 64;
  static final int EVENT_LOOPS = 2;

  private KinesisClients() {
  }

  /** The SDK client and the event loops it runs on. */
  record Client(KinesisAsyncClient kinesis, EventLoopGroup loops) {
  }

  static Client build(KinesisSettings s) {
    System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(s.cbor()));
    SdkEventLoopGroup loops = SdkEventLoopGroup.builder().numberOfThreads(EVENT_LOOPS)
        .threadFactory(new DefaultThreadFactory("fp-kinesis", true)).build();
    KinesisAsyncClientBuilder b = KinesisAsyncClient.builder()
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(MAX_CONCURRENCY)
            .eventLoopGroup(loops)
            .protocol(s.http1() ? Protocol.HTTP1_1 : Protocol.HTTP2))
        .region(Region.of(s.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())));
    if (s.endpoint() != null && !s.endpoint().isBlank()) {
      b.endpointOverride(URI.create(s.endpoint()));
    }
    return new Client(b.build(), loops.eventLoopGroup());
  }

  /** Closes the SDK client (blocking: call on a worker) and stops the event loops without a quiet period. */
  static void close(Client c) throws InterruptedException {
    c.kinesis().close();
    c.loops().shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
