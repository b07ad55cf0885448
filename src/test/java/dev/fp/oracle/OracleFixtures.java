package dev.fp.oracle;

import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.LocalRoot;
import dev.fp.oracle.sort.SortSettings;
import dev.fp.world.TestWorlds;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A writable copy of the small test world and the jobs over it. */
final class OracleFixtures {
  static final String SCENARIO = "baseline_v1";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

  private OracleFixtures() {
  }

  static LocalRoot freshWorld() {
    return new LocalRoot(TestWorlds.copy(TestWorlds.world(TestWorlds.SMALL)));
  }

  static SortSettings sortSettings(Path temp) {
    return new SortSettings(16, 2_000, temp, 60);
  }

  static SortJob sortJob(LocalRoot engine, Path temp) {
    return new SortJob(EngineWorld.open(engine, SCENARIO), engine.resolve("stream_view/ts_utc"),
        sortSettings(temp), CLOCK);
  }
}
