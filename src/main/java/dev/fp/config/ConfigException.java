package dev.fp.config;

/** Invalid configuration; the message always starts with the key path at fault. Exit code 5. */
public class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public String key() { return key; }
}
