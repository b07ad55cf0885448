package dev.fp.cli;

import dev.fp.Main;
import dev.fp.platform.config.KeyFiles;
import dev.fp.platform.config.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fp keys init}: write an API key file with a random key for every principal the platform needs. */
@Command(name = "keys", mixinStandardHelpOptions = true, subcommands = KeysCommand.Init.class,
    description = "API key files.")
public final class KeysCommand {
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Write a key file with a random key per principal (wsp, df, al, case-trigger, operator), mode 0600.")
  static final class Init implements Callable<Integer> {
    @Mixin
    ProfileOptions profile;

    @Option(names = "--file", paramLabel = "F",
        description = "where to write it (default: the profile's security.api_keys_file)")
    Path file;

    @Override
    public Integer call() throws Exception {
      Path target = file;
      if (target == null) {
        PlatformConfig cfg = profile.load();
        target = cfg.apiKeysPath();
      }
      try {
        KeyFiles.init(target);
      } catch (FileAlreadyExistsException e) {
        System.err.println("fp keys init: " + target + " exists; delete it first or choose another --file");
        return Main.EXIT_USAGE;
      }
      System.out.println("wrote " + target.toAbsolutePath() + " (set FP_API_KEYS_FILE=" + target.toAbsolutePath()
          + " to use it)");
      return Main.EXIT_OK;
    }
  }
}
