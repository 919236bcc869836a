package io.pma.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, TYPE, comment, blank or sample line; names and label names must be valid; label values
 * must be properly quoted and escaped; values must be floats; a family's TYPE comes once and
 * before its samples; a family's samples are contiguous; histogram buckets carry {@code le},
 * rise with it and end with {@code +Inf} equal to {@code _count}. Throws on the first violation.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, String> types = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  private PrometheusText() {}

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    parsed.read(text);
    return parsed;
  }

  List<Sample> samples() {
    return samples;
  }

  String typeOf(String family) {
    return types.get(family);
  }

  /** The value of the one sample with this name and exactly these labels (a subset match). */
  double value(String name, Map<String, String> labels) {
    List<Sample> found = samples.stream().filter(s -> s.name().equals(name)
        && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " samples named " + name + " with " + labels);
    }
    return found.get(0).value();
  }

  /** The sum over every sample with this name whose labels include {@code labels}. */
  double sum(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name)
        && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).sum();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  private void read(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError("the exposition must end with a line feed");
    }
    Set<String> finished = new HashSet<>();
    String current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          comment(line);
          continue;
        }
        Sample sample = sample(line);
        String family = familyOf(sample.name());
        if (!family.equals(current)) {
          if (finished.contains(family)) {
            throw new AssertionError("samples of " + family + " are not contiguous");
          }
          if (current != null) {
            finished.add(current);
          }
          current = family;
        }
        samples.add(sample);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("line " + number + " '" + line + "': " + e.getMessage(), e);
      }
    }
    checkHistograms();
  }

  private void comment(String line) {
    String[] parts = line.split(" ", 4);
    if (parts.length >= 3 && ("HELP".equals(parts[1]) || "TYPE".equals(parts[1]))) {
      name(parts[2]);
      if ("TYPE".equals(parts[1])) {
        if (parts.length != 4 || !TYPES.contains(parts[3])) {
          throw new AssertionError("bad TYPE");
        }
        if (types.put(parts[2], parts[3]) != null) {
          throw new AssertionError("second TYPE for " + parts[2]);
        }
        if (samples.stream().anyMatch(s -> familyOf(s.name()).equals(parts[2]))) {
          throw new AssertionError("TYPE after samples of " + parts[2]);
        }
      }
    }
  }

  private Sample sample(String line) {
    Matcher m = Pattern.compile("^([^{ ]+)(\\{(.*)\\})? (\\S+)( -?\\d+)?$").matcher(line);
    if (!m.matches()) {
      throw new AssertionError("not a sample line");
    }
    String name = name(m.group(1));
    Map<String, String> labels = m.group(3) == null ? Map.of() : labels(m.group(3));
    return new Sample(name, labels, value(m.group(4)));
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new AssertionError("invalid metric name " + name);
    }
    return name;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw new AssertionError("label without '='");
      }
      String label = text.substring(i, eq);
      if (!LABEL_NAME.matcher(label).matches() || labels.containsKey(label)) {
        throw new AssertionError("bad or repeated label name " + label);
      }
      if (eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
        throw new AssertionError("label value not quoted");
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < text.length() && text.charAt(j) != '"'; j++) {
        char c = text.charAt(j);
        if (c == '\\') {
          char next = text.charAt(++j);
          if (next != '\\' && next != '"' && next != 'n') {
            throw new AssertionError("bad escape \\" + next);
          }
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (j >= text.length()) {
        throw new AssertionError("unterminated label value");
      }
      labels.put(label, value.toString());
      i = j + 1;
      if (i < text.length()) {
        if (text.charAt(i) != ',') {
          throw new AssertionError("expected ',' between labels");
        }
        i++;
      }
    }
    return labels;
  }

  private static double value(String text) {
    switch (text) {
      case "+Inf": return Double.POSITIVE_INFINITY;
      case "-Inf": return Double.NEGATIVE_INFINITY;
      case "NaN": return Double.NaN;
      default:
        if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
          throw new AssertionError("not a float: " + text);
        }
        return Double.parseDouble(text);
    }
  }

  /** The declared family a sample belongs to: its own name or name minus a known suffix. */
  private String familyOf(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    throw new AssertionError("sample " + name + " has no TYPE line before it");
  }

  private void checkHistograms() {
    types.forEach((family, type) -> {
      if (!"histogram".equals(type)) {
        return;
      }
      Map<Map<String, String>, List<Sample>> series = new LinkedHashMap<>();
      for (Sample s : samples) {
        if (s.name().equals(family + "_bucket")) {
          Map<String, String> rest = new LinkedHashMap<>(s.labels());
          if (rest.remove("le") == null) {
            throw new AssertionError(family + "_bucket without le");
          }
          series.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
        }
      }
      series.forEach((labels, buckets) -> checkBuckets(family, labels, buckets));
    });
  }

  private void checkBuckets(String family, Map<String, String> labels, List<Sample> buckets) {
    double lastLe = Double.NEGATIVE_INFINITY;
    double lastCount = 0;
    for (Sample b : buckets) {
      double le = value(b.labels().get("le"));
      if (le <= lastLe || b.value() < lastCount) {
        throw new AssertionError(family + " buckets must rise in le and in count");
      }
      lastLe = le;
      lastCount = b.value();
    }
    if (lastLe != Double.POSITIVE_INFINITY) {
      throw new AssertionError(family + " has no +Inf bucket");
    }
    if (value(family + "_count", labels) != lastCount) {
      throw new AssertionError(family + "_count differs from its +Inf bucket");
    }
  }
}
