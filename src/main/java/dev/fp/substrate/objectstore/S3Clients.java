package dev.fp.substrate.objectstore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;
import java.time.Duration;

/** Builds the S3 client from {@code substrate.objectstore.s3}: endpoint, region, static keys, path-style. */
final class S3Clients {
  /** The reference client's timeouts and retries (control_ingress §0): connect 10 s, read 120 s, 5 attempts. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
  static final int MAX_ATTEMPTS = 5;
  static final int MAX_CONNECTIONS = 64;

  private S3Clients() {
  }

  static S3AsyncClient create(ObjectStoreConfig.S3Settings s) {
    return S3AsyncClient.builder()
        .endpointOverride(URI.create(s.endpoint()))
        .region(Region.of(s.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())))
        .forcePathStyle(s.pathStyle())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT)
            .maxConcurrency(MAX_CONNECTIONS))
        .overrideConfiguration(o -> o.retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()))
        .build();
  }
}
