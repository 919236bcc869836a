package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A compiled {@code value_template} (or {@code state_value_template}, {@code position_template},
 * availability's {@code value_template}...): {@code {{ value }}}, {@code {{ value_json.x.y }}},
 * {@code {{ value_json['x'] }}}, optionally with filters. Compiled once per discovery config, so a
 * state message costs only the accessor walk. Immutable and thread-safe.
 */
final class ValueTemplate {
  private static final Set<String> VARIABLES = Set.of("value", "value_json");
  /** No template: the payload text as it is. */
  static final ValueTemplate RAW = new ValueTemplate(null, "{{ value }}");

  private final TemplateExpression expression;
  private final String source;
  private final String unsupported;

  private ValueTemplate(TemplateExpression expression, String source) {
    this(expression, source, null);
  }

  private ValueTemplate(TemplateExpression expression, String source, String unsupported) {
    this.expression = expression;
    this.source = source;
    this.unsupported = unsupported;
  }

  /** A configured template PMA cannot evaluate: every payload read through it is unreadable. */
  static ValueTemplate unsupported(String reason) {
    return new ValueTemplate(null, reason, reason);
  }

  boolean supported() {
    return unsupported == null;
  }

  /** Compiles a template; null or blank means {@link #RAW}. */
  static ValueTemplate compile(String template) throws InvalidConfigException {
    if (template == null || template.isBlank()) {
      return RAW;
    }
    String trimmed = template.strip();
    if (!trimmed.startsWith("{{") || !trimmed.endsWith("}}")
        || trimmed.indexOf("{{", 2) >= 0 || trimmed.contains("{%")) {
      throw new InvalidConfigException("unsupported template '" + trimmed
          + "' (supported: one {{ value }} or {{ value_json.key }} expression with simple filters)");
    }
    String inner = trimmed.substring(2, trimmed.length() - 2);
    return new ValueTemplate(TemplateExpression.parse(inner, VARIABLES), trimmed);
  }

  /** The template's value, or a missing node when the payload lacks it. */
  JsonNode evaluate(Payload payload) throws MalformedPayloadException {
    if (unsupported != null) {
      throw MalformedPayloadException.unsupportedTemplate(unsupported);
    }
    if (expression == null) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(payload.text());
    }
    try {
      return expression.evaluate(name -> {
        try {
          return payload.variable(name);
        } catch (MalformedPayloadException e) {
          throw new Unreadable(e);
        }
      });
    } catch (Unreadable e) {
      throw e.cause;
    }
  }

  /** The rendered text (stripped, as Home Assistant does), or null when the payload lacks it. */
  String render(Payload payload) throws MalformedPayloadException {
    if (unsupported != null) {
      throw MalformedPayloadException.unsupportedTemplate(unsupported);
    }
    if (expression == null) {
      return payload.text().strip();
    }
    JsonNode value = evaluate(payload);
    return value.isMissingNode() ? null : PythonText.of(value).strip();
  }

  @Override
  public String toString() {
    return source;
  }

  /** Carries a payload error through the variable lookup function. */
  private static final class Unreadable extends RuntimeException {
    private final MalformedPayloadException cause;

    Unreadable(MalformedPayloadException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
