package dev.fp.cli;

import dev.fp.platform.config.ConfigLoader;
import dev.fp.platform.config.PlatformConfig;
import dev.fp.platform.log.Logging;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * Options every command that touches the platform shares: profile, config folder, logging and output format.
 * Use as {@code @Mixin ProfileOptions profile;} and call {@link #load()} first thing.
 */
public final class ProfileOptions {

  @Option(names = "--profile", paramLabel = "NAME",
      description = "embedded (default) or local_parity; FP_PROFILE when not given")
  String profile;

  @Option(names = "--config-dir", paramLabel = "DIR",
      description = "folder holding <profile>.yaml and the policy files (default: ./conf, else the bundled copy)")
  Path configDir;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json (one object per line); logs go to stderr")
  LogFormat logFormat;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO", description = "DEBUG, INFO, WARN, ERROR")
  LogLevel logLevel;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: the form of the data printed on stdout")
  LogFormat output;

  /** Allowed values of --log-format and --output. */
  public enum LogFormat { text, json }

  /** Allowed values of --log-level. */
  public enum LogLevel { DEBUG, INFO, WARN, ERROR }

  /** Configures logging and loads the validated configuration of the chosen profile. */
  public PlatformConfig load() {
    Logging.configure(logFormat.name(), logLevel.name());
    Map<String, String> env = System.getenv();
    return ConfigLoader.load(ConfigLoader.profileName(profile, env), configDir, env);
  }

  public boolean jsonOutput() {
    return output == LogFormat.json;
  }
}
