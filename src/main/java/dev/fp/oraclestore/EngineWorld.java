package dev.fp.oraclestore;

import dev.fp.contract.Catalogue;
import dev.fp.contract.OracleException;
import dev.fp.contract.WorldKey;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An engine run root as the oracle reads it: world key from {@code run_receipt.json}, the catalogue, and the
 * source files of an output (catalogue template rendered with the pins, '*' globbed in the last segment, sorted by
 * full locator). Blocking.
 */
public final class EngineWorld {
  public static final String RUN_RECEIPT = "run_receipt.json";

  private final OracleRoot root;
  private final WorldKey key;
  private final Catalogue catalogue;

  private EngineWorld(OracleRoot root, WorldKey key, Catalogue catalogue) {
    this.root = root;
    this.key = key;
    this.catalogue = catalogue;
  }

  public static EngineWorld open(OracleRoot root, String scenarioId) {
    byte[] receipt = root.read(RUN_RECEIPT).orElseThrow(() -> OracleException.input("WORLD_KEY_MISSING",
        "no " + root.locator(RUN_RECEIPT), "point --engine-run-root at an engine run root (run `fp oracle sync` "
            + "first if the world is only local)"));
    WorldKey key = WorldKey.fromReceipt(receipt, scenarioId, root.locator(RUN_RECEIPT));
    return new EngineWorld(root, key, Catalogue.parse(catalogueBytes(root)));
  }

  public static byte[] catalogueBytes(OracleRoot root) {
    return root.read(Catalogue.PATH).orElseThrow(() -> OracleException.input("CATALOGUE_MISSING",
        "no " + root.locator(Catalogue.PATH), "the engine run root must ship its interface pack"));
  }

  public OracleRoot root() {
    return root;
  }

  public WorldKey key() {
    return key;
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** Source keys of an output, sorted by locator; fails OUTPUT_UNKNOWN / OUTPUT_TEMPLATE_MISSING / OUTPUT_PATHS_EMPTY. */
  public List<String> sources(String outputId) {
    Catalogue.Entry entry = catalogue.find(outputId).orElseThrow(() -> OracleException.input("OUTPUT_UNKNOWN",
        outputId + " is not in the catalogue", "use an output_id of " + Catalogue.PATH));
    if (entry.pathTemplate() == null || entry.pathTemplate().isBlank()) {
      throw OracleException.input("OUTPUT_TEMPLATE_MISSING", outputId + " has no path_template", "fix the catalogue");
    }
    String rendered = key.render(entry.pathTemplate());
    int slash = rendered.lastIndexOf('/');
    String dir = rendered.substring(0, slash + 1);
    Pattern glob = glob(rendered.substring(slash + 1));
    List<String> keys = root.list(dir).stream()
        .filter(k -> k.indexOf('/', dir.length()) < 0 && glob.matcher(k.substring(dir.length())).matches())
        .sorted((a, b) -> root.locator(a).compareTo(root.locator(b))).toList();
    if (keys.isEmpty()) {
      throw OracleException.check("OUTPUT_PATHS_EMPTY", "OUTPUT_PATHS_EMPTY:" + outputId + " (no file matches "
          + root.locator(rendered) + ")", "generate or sync the world before sorting");
    }
    return keys;
  }

  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
