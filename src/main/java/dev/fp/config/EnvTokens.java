package dev.fp.config;

import java.util.Map;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:-default}} tokens inside config strings. Defaults may themselves contain
 * tokens ({@code ${A:-${B:-x}}}). A variable that is unset or empty takes its default; one with neither value nor
 * default is an error naming the config key.
 */
public final class EnvTokens {
  private final Map<String, String> env;

  public EnvTokens(Map<String, String> env) {
    this.env = env;
  }

  public String resolve(String key, String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      int end = matchingBrace(key, text, start);
      out.append(expand(key, text.substring(start + 2, end)));
      i = end + 1;
    }
    return out.toString();
  }

  private String expand(String key, String body) {
    int sep = body.indexOf(":-");
    String name = sep < 0 ? body : body.substring(0, sep);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigException(key, "bad variable name in ${" + body + "}");
    }
    String value = env.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    if (sep < 0) {
      throw new ConfigException(key, "environment variable " + name + " is not set and has no default");
    }
    return resolve(key, body.substring(sep + 2));
  }

  private static int matchingBrace(String key, String text, int start) {
    int depth = 0;
    for (int j = start; j < text.length(); j++) {
      if (text.startsWith("${", j)) {
        depth++;
        j++;
      } else if (text.charAt(j) == '}' && --depth == 0) {
        return j;
      }
    }
    throw new ConfigException(key, "unterminated ${ in \"" + text + "\"");
  }
}
