package dev.fp.platform.auth;

import dev.fp.contract.Hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API key allowlist ({@code conf/ig_api_keys.txt}): one key a line, blank and {@code #} lines ignored, optional
 * attributes after the key: {@code principal=NAME} (default {@code SYSTEM::<key>}), {@code classes=c1,c2|*}
 * (default {@code *}, the reference meaning of a plain line) and {@code roles=r1,r2}.
 *
 * <p>Only SHA-256 hashes of the keys are kept. {@link #authenticate} hashes the presented key and compares it with
 * every entry through {@link MessageDigest#isEqual} without stopping at a match, so the time taken does not depend on
 * which key matched or how much of it. Errors name the file and line number, never the key. Immutable and
 * thread-safe; {@link #load} is blocking file I/O.
 */
public final class ApiKeys {
  private static final String ANY = "*";
  private static final String SYSTEM_PREFIX = "SYSTEM::";
  private static final String HUMAN_PREFIX = "HUMAN::";
  private final String source;
  private final List<Entry> entries;

  private record Entry(byte[] keyHash, ApiPrincipal principal) {
  }

  private ApiKeys(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /** Reads the key file; {@link ApiKeysException} naming the file (and line) when unreadable or malformed. */
  public static ApiKeys load(Path file) {
    try {
      return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiKeysException("api keys " + file + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  public static ApiKeys parse(String source, List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Entry entry = entry(source, i + 1, line.split("\\s+"));
      if (!seen.add(HexFormat.of().formatHex(entry.keyHash()))) {
        throw new ApiKeysException("api keys " + source + " line " + (i + 1) + ": duplicate key", null);
      }
      entries.add(entry);
    }
    return new ApiKeys(source, entries);
  }

  /** The principal of the presented key, or empty for a missing or unknown key (401). */
  public Optional<ApiPrincipal> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = Hashing.sha256(presentedKey.getBytes(StandardCharsets.UTF_8));
    ApiPrincipal match = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.keyHash(), presented)) {
        match = e.principal();
      }
    }
    return Optional.ofNullable(match);
  }

  /** The first entry with this principal: how in-process producers (event bus) are authorized without a key. */
  public Optional<ApiPrincipal> principalNamed(String principal) {
    return entries.stream().map(Entry::principal).filter(p -> p.principal().equals(principal)).findFirst();
  }

  /** Where the keys came from (a path, for banners and errors). */
  public String source() {
    return source;
  }

  public int size() {
    return entries.size();
  }

  /**
   * Key of each principal in key-file lines (the first line of a principal wins): what this platform's own clients
   * (WSP over HTTP, the supervisor's P4 probe) present when their config names no key. Plain text, so it is kept only
   * in {@link ClientKeys}, never logged.
   */
  public static java.util.Map<String, String> keysByPrincipal(String source, List<String> lines) {
    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        String[] tokens = line.split("\\s+");
        keys.putIfAbsent(entry(source, i + 1, tokens).principal().principal(), tokens[0]);
      }
    }
    return keys;
  }

  private static Entry entry(String source, int lineNo, String[] tokens) {
    String key = tokens[0];
    String principal = key.startsWith(SYSTEM_PREFIX) || key.startsWith(HUMAN_PREFIX) ? key : SYSTEM_PREFIX + key;
    Set<String> classes = Set.of(ANY);
    Set<String> roles = Set.of();
    for (int t = 1; t < tokens.length; t++) {
      int eq = tokens[t].indexOf('=');
      String name = eq < 0 ? tokens[t] : tokens[t].substring(0, eq);
      String value = eq < 0 ? "" : tokens[t].substring(eq + 1);
      if (value.isEmpty()) {
        throw bad(source, lineNo, "attribute '" + name + "' needs a value (name=value)");
      }
      switch (name) {
        case "principal" -> principal = value;
        case "classes" -> classes = list(value);
        case "roles" -> roles = list(value);
        default -> throw bad(source, lineNo, "unknown attribute '" + name + "' (allowed: principal, classes, roles)");
      }
    }
    boolean any = classes.contains(ANY);
    if (any && classes.size() > 1) {
      throw bad(source, lineNo, "classes: '*' cannot be combined with named classes");
    }
    ApiPrincipal p = new ApiPrincipal(principal, any, any ? Set.of() : classes, roles);
    return new Entry(Hashing.sha256(key.getBytes(StandardCharsets.UTF_8)), p);
  }

  private static Set<String> list(String csv) {
    Set<String> out = new LinkedHashSet<>();
    for (String item : csv.split(",")) {
      if (!item.isBlank()) {
        out.add(item.strip());
      }
    }
    return out;
  }

  private static ApiKeysException bad(String source, int lineNo, String why) {
    return new ApiKeysException("api keys " + source + " line " + lineNo + ": " + why, null);
  }
}
