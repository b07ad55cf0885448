package dev.fp.cli;

import dev.fp.contract.Json;
import dev.fp.obsgov.governance.GovernanceReader;
import dev.fp.obsgov.governance.core.GovernanceQuery;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fp governance query}: a run's governance events as a JSON array (reference §5.2 query). Writes nothing. */
@Command(name = "governance", mixinStandardHelpOptions = true, subcommands = GovernanceCommand.Query.class,
    description = "Read the governance log of a run.")
public final class GovernanceCommand {

  @Command(name = "query", mixinStandardHelpOptions = true,
      description = "Events of a run sorted by (ts_utc, event_id), the last --limit kept.")
  static final class Query implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Mixin
    RunOption run;

    @Option(names = "--family", paramLabel = "FAMILY", description = "one event family (case-insensitive)")
    String family;

    @Option(names = "--since", paramLabel = "TS", description = "only events with ts_utc >= TS")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "keep the last N (0 = all)")
    int limit;

    @Override
    public Integer call() throws Exception {
      PlatformConfig cfg = profile.load();
      String runId = run.resolve(cfg);
      return LocalSubstrate.inspect(cfg, (vertx, substrate) -> {
        List<Map<String, Object>> events = Await.result(GovernanceReader.query(substrate.objectStore(), runId,
            new GovernanceQuery(family, since, limit)), 120);
        System.out.println(Json.writePretty(events));
        return 0;
      });
    }
  }
}
