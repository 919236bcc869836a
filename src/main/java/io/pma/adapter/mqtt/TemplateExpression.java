package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One {@code {{ ... }}} expression of the small Jinja subset that device configs use in practice:
 * a variable, then {@code .key} / {@code ['key']} / {@code [0]} accessors, then filters from
 * {@link Filter}. Anything else is rejected when the config is read, never at message time.
 * Immutable and thread-safe.
 */
final class TemplateExpression {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String variable;
  private final List<Object> path;
  private final List<Filter> filters;

  private TemplateExpression(String variable, List<Object> path, List<Filter> filters) {
    this.variable = variable;
    this.path = path;
    this.filters = filters;
  }

  String variable() {
    return variable;
  }

  /** Parses the text between the braces; {@code variables} are the names it may use. */
  static TemplateExpression parse(String text, Set<String> variables) throws InvalidConfigException {
    Cursor in = new Cursor(text);
    String variable = in.identifier();
    if (!variables.contains(variable)) {
      throw new InvalidConfigException("unsupported template variable '" + variable + "'");
    }
    List<Object> path = new ArrayList<>();
    while (in.peek() == '.' || in.peek() == '[') {
      if (in.take() == '.') {
        path.add(in.identifier());
      } else {
        Object key = in.literal();
        if (key instanceof JsonNode) {
          throw new InvalidConfigException("unsupported accessor in template '" + text.strip() + "'");
        }
        path.add(key);
        in.expect(']');
      }
    }
    List<Filter> filters = new ArrayList<>();
    while (in.peek() == '|') {
      in.take();
      String name = in.identifier();
      List<JsonNode> args = new ArrayList<>();
      if (in.peek() == '(') {
        in.take();
        while (in.peek() != ')') {
          args.add(argument(in.literal()));
          if (in.peek() == ',') {
            in.take();
          }
        }
        in.expect(')');
      }
      filters.add(Filter.of(name, args));
    }
    in.end();
    return new TemplateExpression(variable, List.copyOf(path), List.copyOf(filters));
  }

  private static JsonNode argument(Object literal) {
    if (literal instanceof JsonNode node) {
      return node;
    }
    return literal instanceof Integer i ? NODES.numberNode(i) : NODES.textNode((String) literal);
  }

  /**
   * Evaluates against the variables; returns a missing node when an accessor finds nothing
   * (Jinja's "undefined") and the filters did not supply a default.
   */
  JsonNode evaluate(Function<String, JsonNode> variables) throws MalformedPayloadException {
    JsonNode value = variables.apply(variable);
    for (Object step : path) {
      if (value == null || value.isMissingNode()) {
        break;
      }
      value = step instanceof Integer index ? value.path(index) : value.path((String) step);
    }
    if (value == null) {
      value = MissingNode.getInstance();
    }
    for (Filter filter : filters) {
      value = filter.apply(value);
    }
    return value;
  }

  /** A tiny scanner over the expression text; whitespace between tokens is skipped. */
  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
      this.text = text;
    }

    char peek() {
      skipSpace();
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    char take() {
      char c = peek();
      pos++;
      return c;
    }

    void expect(char c) throws InvalidConfigException {
      if (take() != c) {
        throw new InvalidConfigException("unsupported template: expected '" + c + "' in '"
            + text.strip() + "'");
      }
    }

    void end() throws InvalidConfigException {
      if (peek() != '\0') {
        throw new InvalidConfigException("unsupported template expression '" + text.strip() + "'");
      }
    }

    String identifier() throws InvalidConfigException {
      skipSpace();
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos || Character.isDigit(text.charAt(start))) {
        throw new InvalidConfigException("unsupported template expression '" + text.strip() + "'");
      }
      return text.substring(start, pos);
    }

    /** A quoted string, an integer, a decimal or a constant (true/false/none). */
    Object literal() throws InvalidConfigException {
      char c = peek();
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, pos + 1);
        if (close < 0) {
          throw new InvalidConfigException("unterminated string in template '" + text.strip() + "'");
        }
        String value = text.substring(pos + 1, close);
        pos = close + 1;
        return value;
      }
      int start = pos;
      while (pos < text.length() && "+-.0123456789".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String number = text.substring(start, pos);
      if (number.isEmpty()) {
        return constant(identifier());
      }
      try {
        return number.contains(".") ? NODES.numberNode(Double.parseDouble(number))
            : Integer.parseInt(number);
      } catch (NumberFormatException e) {
        throw new InvalidConfigException("bad number '" + number + "' in template");
      }
    }

    private static JsonNode constant(String word) throws InvalidConfigException {
      switch (word.toLowerCase(java.util.Locale.ROOT)) {
        case "true":
          return NODES.booleanNode(true);
        case "false":
          return NODES.booleanNode(false);
        case "none":
          return NODES.nullNode();
        default:
          throw new InvalidConfigException("unsupported template argument '" + word + "'");
      }
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }
  }
}
