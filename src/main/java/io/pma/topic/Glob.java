package io.pma.topic;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled '*' glob (a star matches any run of characters, dot included), matched in time linear
 * in the text plus the glob, however the glob is written.
 *
 * <p>Why not the usual two-pointer match with backtracking to the last star: it costs
 * O(text × glob) on globs like {@code *aaaa…ab} against ids of many {@code a}, and subscriptions
 * are written by clients. A glob of stars only is matched greedily instead: the part before the
 * first star must be a prefix, the part after the last star a suffix, and each part between them
 * is found leftmost (Knuth–Morris–Pratt, so each search is linear) after the previous one. Taking
 * the leftmost occurrence never loses a match, since a star can absorb whatever is skipped.
 * Immutable.
 */
public final class Glob {
  private final String text;
  private final String prefix;
  private final String suffix;
  private final String[] middles;
  private final int[][] failures;
  private final int minLength;
  private final boolean literal;

  private Glob(String text) {
    this.text = text;
    int first = text.indexOf('*');
    literal = first < 0;
    if (literal) {
      prefix = text;
      suffix = "";
      middles = new String[0];
      failures = new int[0][];
      minLength = text.length();
      return;
    }
    int last = text.lastIndexOf('*');
    prefix = text.substring(0, first);
    suffix = text.substring(last + 1);
    List<String> parts = new ArrayList<>();
    for (String part : text.substring(first + 1, last + 1).split("\\*")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    middles = parts.toArray(new String[0]);
    failures = new int[middles.length][];
    int length = prefix.length() + suffix.length();
    for (int i = 0; i < middles.length; i++) {
      failures[i] = failure(middles[i]);
      length += middles[i].length();
    }
    minLength = length;
  }

  /** Compiles a glob; O(glob length). */
  public static Glob compile(String glob) {
    return new Glob(glob);
  }

  /** One-off match; callers that match one glob often keep a {@link #compile compiled} one. */
  public static boolean matches(String glob, String text) {
    if (glob.indexOf('*') < 0) {
      return glob.equals(text);
    }
    return compile(glob).matches(text);
  }

  /** The literal text before the first star (all of it when there is no star). */
  public String prefix() {
    return prefix;
  }

  /** The literal text after the last star (empty when there is no star). */
  public String suffix() {
    return suffix;
  }

  /** Whether {@code candidate} matches; O(candidate length + glob length). */
  public boolean matches(String candidate) {
    if (literal) {
      return prefix.equals(candidate);
    }
    int end = candidate.length() - suffix.length();
    if (candidate.length() < minLength || !candidate.startsWith(prefix)
        || !candidate.endsWith(suffix)) {
      return false;
    }
    int from = prefix.length();
    for (int i = 0; i < middles.length; i++) {
      int found = indexOf(candidate, from, end, middles[i], failures[i]);
      if (found < 0) {
        return false;
      }
      from = found + middles[i].length();
    }
    return true;
  }

  /** The first index of {@code part} within {@code text[from, end)}, or -1 (KMP search). */
  private static int indexOf(String text, int from, int end, String part, int[] failure) {
    int matched = 0;
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      while (matched > 0 && part.charAt(matched) != c) {
        matched = failure[matched - 1];
      }
      if (part.charAt(matched) == c) {
        matched++;
        if (matched == part.length()) {
          return i - matched + 1;
        }
      }
    }
    return -1;
  }

  /** KMP failure function: for each prefix, the length of its longest proper border. */
  private static int[] failure(String part) {
    int[] failure = new int[part.length()];
    int border = 0;
    for (int i = 1; i < part.length(); i++) {
      while (border > 0 && part.charAt(i) != part.charAt(border)) {
        border = failure[border - 1];
      }
      if (part.charAt(i) == part.charAt(border)) {
        border++;
      }
      failure[i] = border;
    }
    return failure;
  }

  @Override
  public String toString() {
    return text;
  }
}
