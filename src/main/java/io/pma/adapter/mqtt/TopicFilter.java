package io.pma.adapter.mqtt;

/** MQTT topic filter matching ({@code +} one level, {@code #} the rest). */
final class TopicFilter {
  private TopicFilter() {}

  static boolean isWildcard(String filter) {
    return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
  }

  static boolean matches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return !topic.startsWith("$") || i > 0;
      }
      if (i >= t.length) {
        return false;
      }
      if (f[i].equals("+")) {
        if (i == 0 && t[0].startsWith("$")) {
          return false;
        }
      } else if (!f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
