package dev.fp.substrate.eventlog;

import dev.fp.platform.config.EventLogConfig.KinesisSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

import java.net.URI;

/**
 * Builds the {@link KinesisAsyncClient} from the profile: Netty client (HTTP/1.1 when {@code http1}, which kinesalite
 * needs), region, static credentials, endpoint override when set.
 *
 * <p>CBOR: the SDK reads the JVM-wide system property {@code aws.cborEnabled} ({@link SdkSystemSetting#CBOR_ENABLED})
 * when it builds a client, so it is set here, just before building, from {@code cbor} (kinesalite and kinesis-mock
 * want JSON). Every Kinesis client built afterwards in this JVM sees the same value.
 */
final class KinesisClients {
  static final int MAX_CONCURRENCY = 64;

  private KinesisClients() {
  }

  static KinesisAsyncClient build(KinesisSettings s) {
    System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(s.cbor()));
    KinesisAsyncClientBuilder b = KinesisAsyncClient.builder()
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(MAX_CONCURRENCY)
            .protocol(s.http1() ? Protocol.HTTP1_1 : Protocol.HTTP2))
        .region(Region.of(s.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())));
    if (s.endpoint() != null && !s.endpoint().isBlank()) {
      b.endpointOverride(URI.create(s.endpoint()));
    }
    return b.build();
  }
}
