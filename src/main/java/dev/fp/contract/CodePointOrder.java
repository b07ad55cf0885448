package dev.fp.contract;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, the order Python uses for {@code sorted(str)} and {@code sort_keys=True}.
 *
 * <p>{@link String#compareTo} compares UTF-16 units, which puts a supplementary character (surrogate pair, U+10000 and up)
 * before U+E000..U+FFFF; Python puts it after. Lone surrogates compare as their own code point, as in Python.
 */
public final class CodePointOrder implements Comparator<String> {
  public static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {
  }

  @Override
  public int compare(String a, String b) {
    int limit = Math.min(a.length(), b.length());
    for (int i = 0; i < limit; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
