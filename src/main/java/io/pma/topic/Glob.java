package io.pma.topic;

/** Matching of '*' globs (any run of characters, dot included) without regular expressions. */
public final class Glob {
  private Glob() {}

  public static boolean matches(String glob, String text) {
    int star = glob.indexOf('*');
    if (star < 0) {
      return glob.equals(text);
    }
    return matchFrom(glob, 0, text, 0);
  }

  private static boolean matchFrom(String glob, int g, String text, int t) {
    int starG = -1;
    int starT = -1;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        starG = g++;
        starT = t;
      } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (starG >= 0) {
        g = starG + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
