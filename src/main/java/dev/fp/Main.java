package dev.fp;

import dev.fp.cli.BenchCommand;
import dev.fp.cli.ConformanceCommand;
import dev.fp.cli.GovernanceCommand;
import dev.fp.cli.ReportCommand;
import dev.fp.cli.DownCommand;
import dev.fp.cli.KeysCommand;
import dev.fp.cli.StateCommand;
import dev.fp.cli.CasesCommand;
import dev.fp.cli.LabelsCommand;
import dev.fp.cli.OracleCommand;
import dev.fp.cli.SrCommand;
import dev.fp.cli.WorldCommand;
import dev.fp.cli.WspCommand;
import dev.fp.cli.RunCommand;
import dev.fp.cli.StatusCommand;
import dev.fp.cli.UpCommand;
import dev.fp.platform.SubstrateUnavailableException;
import dev.fp.config.ConfigException;
import dev.fp.platform.log.ProcessLogs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;

/**
 * {@code fp}: the command line of fraud-platform. Exit codes: 0 PASS, 1 internal error, 2 usage error, 3 a gate or
 * the closeout failed, 4 substrate unavailable, 5 invalid configuration. Errors print one line on stderr; a stack
 * trace only with {@code --log-level DEBUG}.
 */
@Command(name = "fp", mixinStandardHelpOptions = true, version = "fraud-platform 0.1.0",
    description = "Fraud-detection streaming platform (Spine Green v0) on Eclipse Vert.x.",
    subcommands = {RunCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, WorldCommand.class,
        OracleCommand.class, SrCommand.class, WspCommand.class, BenchCommand.class, KeysCommand.class,
        StateCommand.class, CasesCommand.class, LabelsCommand.class, ReportCommand.class, GovernanceCommand.class,
        ConformanceCommand.class})
public final class Main {
  public static final int EXIT_OK = 0;
  public static final int EXIT_INTERNAL = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_GATE_FAILED = 3;
  public static final int EXIT_SUBSTRATE = 4;
  public static final int EXIT_CONFIG = 5;

  /** Commands whose capability lands with a later issue: they exist so scripts can probe for them. */
  private static final Map<String, String> NOT_YET = Map.of();

  public static void main(String[] args) {
    int code = execute(args);
    ProcessLogs.drain(); // process-log lines are written asynchronously: put them on disk before exiting
    System.exit(code);
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    NOT_YET.forEach((name, what) -> cli.addSubcommand(name, notYetAvailable(name, what)));
    cli.setParameterExceptionHandler((ex, a) -> {
      String cmd = ex.getCommandLine().getCommandName();
      ex.getCommandLine().getErr().println("fp" + ("fp".equals(cmd) ? "" : " " + cmd) + ": " + ex.getMessage()
          + " (see fp" + ("fp".equals(cmd) ? "" : " " + cmd) + " --help)");
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((ex, cmdLine, parseResult) -> {
      int code = exitCode(ex);
      cmdLine.getErr().println("fp " + cmdLine.getCommandName() + ": " + describe(ex));
      if (Boolean.getBoolean("fp.debug")) {
        ex.printStackTrace(cmdLine.getErr());
      }
      return code;
    });
    return cli.execute(args);
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof ConfigException) {
      return EXIT_CONFIG;
    }
    if (ex instanceof SubstrateUnavailableException) {
      return EXIT_SUBSTRATE;
    }
    if (ex instanceof IllegalArgumentException) {
      return EXIT_USAGE;
    }
    if (ex instanceof dev.fp.platform.OperatorRefusal r) {
      return r.badRequest() ? EXIT_USAGE : EXIT_GATE_FAILED;
    }
    return EXIT_INTERNAL;
  }

  private static String describe(Throwable ex) {
    if (ex instanceof ConfigException) {
      return "invalid configuration: " + ex.getMessage();
    }
    if (ex instanceof SubstrateUnavailableException || ex instanceof IllegalArgumentException) {
      return ex.getMessage();
    }
    if (ex instanceof dev.fp.platform.OperatorRefusal r) {
      return "refused (" + r.code() + "): " + r.getMessage();
    }
    return "internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
  }

  private static CommandLine notYetAvailable(String name, String what) {
    CommandLine c = new CommandLine(new NotYetAvailable(name, what));
    c.getCommandSpec().usageMessage().description(what + " (not available in this build yet)");
    return c;
  }

  /** A command whose capability is not in this build: it says so and exits 2, whatever its arguments. */
  @Command(mixinStandardHelpOptions = true)
  static final class NotYetAvailable implements java.util.concurrent.Callable<Integer> {
    private final String name;
    private final String what;

    @CommandLine.Unmatched
    java.util.List<String> ignored;

    NotYetAvailable(String name, String what) {
      this.name = name;
      this.what = what;
    }

    @Override
    public Integer call() {
      System.err.println("fp " + name + ": " + what + " is not available in this build yet");
      return EXIT_USAGE;
    }
  }
}
