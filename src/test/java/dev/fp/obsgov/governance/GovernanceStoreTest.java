package dev.fp.obsgov.governance;

import dev.fp.obsgov.ObsKeys;
import dev.fp.substrate.objectstore.ObjectStore;
import dev.fp.substrate.objectstore.ObjectStoreConfig;
import dev.fp.substrate.objectstore.ObjectStores;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fp.testing.Await.await;

/**
 * What the governance contract tests share: one object store per class ({@link #config()}, a subclass per adapter)
 * with the platform's bucket, and a fresh run id per test so tests stay apart in the shared bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
abstract class GovernanceStoreTest {
  protected Vertx vertx;
  protected ObjectStore store;
  protected String run;

  protected abstract ObjectStoreConfig config();

  @BeforeAll
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    store = ObjectStores.create(vertx, config());
    await(store.ensureBucket(ObsKeys.BUCKET));
  }

  @AfterAll
  void close() throws Exception {
    await(store.close());
  }

  @BeforeEach
  void freshRun() {
    run = GovernanceStores.freshRun();
  }
}
