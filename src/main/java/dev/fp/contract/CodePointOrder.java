package dev.fp.contract;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, the order Python uses for {@code sorted(str)} and {@code sort_keys=True}.
 *
 * <p>{@link String#compareTo} compares UTF-16 units, which puts a supplementary character (surrogate pair,
 * U+10000 and up) before U+E000..U+FFFF; Python puts it after. Lone surrogates compare as their own code point, as
 * in Python.
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
        return compareAt(a, b, i);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** First differing unit at i; when it follows a high surrogate the code points start one unit earlier. */
  private static int compareAt(String a, String b, int i) {
    if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) {
      int c = Integer.compare(a.codePointAt(i - 1), b.codePointAt(i - 1));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
  }
}
