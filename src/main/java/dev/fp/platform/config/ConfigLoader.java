package dev.fp.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fp.config.ConfigException;
import dev.fp.config.ConfigNode;
import dev.fp.config.EnvTokens;
import dev.fp.contract.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@code <confDir>/<profile>.yaml}. The profile comes from {@code --profile}, else {@code FP_PROFILE}, else
 * {@code embedded}. Without an explicit folder, {@code ./conf} is used when it holds the profile, else the copy
 * bundled in the jar, so {@code java -jar} works from any directory.
 */
public final class ConfigLoader {
  public static final String DEFAULT_PROFILE = "embedded";

  private ConfigLoader() {
  }

  public static String profileName(String cliProfile, Map<String, String> env) {
    if (cliProfile != null && !cliProfile.isBlank()) {
      return cliProfile;
    }
    String fromEnv = env.get("FP_PROFILE");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_PROFILE : fromEnv;
  }

  public static PlatformConfig load(String profile, Path confDir, Map<String, String> env) {
    if (!profile.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigException("profile", "bad profile name \"" + profile + "\"");
    }
    Path dir = confDir != null ? confDir : Path.of("conf");
    Path file = dir.resolve(profile + ".yaml");
    if (Files.isRegularFile(file)) {
      return parse(file.toString(), read(file), dir, env);
    }
    if (confDir != null) {
      throw new ConfigException("profile", "no config file " + file);
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/conf/" + profile + ".yaml")) {
      if (in == null) {
        throw new ConfigException("profile", "unknown profile \"" + profile + "\" (no " + file + ", none bundled)");
      }
      return parse("bundled " + profile + ".yaml", new String(in.readAllBytes()), null, env);
    } catch (IOException e) {
      throw new ConfigException("profile", "cannot read bundled profile: " + e.getMessage());
    }
  }

  static PlatformConfig parse(String source, String yaml, Path confDir, Map<String, String> env) {
    JsonNode root;
    try {
      root = Json.readYamlTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source, "expected a mapping at the top level");
    }
    return PlatformConfig.from(new ConfigNode("", root, new EnvTokens(env)), confDir);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
  }
}
