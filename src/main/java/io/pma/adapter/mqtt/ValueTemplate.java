package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A compiled {@code value_template} (or {@code state_value_template}, {@code position_template},
 * availability's {@code value_template}...): {@code {{ value }}}, {@code {{ value_json.x.y }}},
 * {@code {{ value_json['x'] }}}, optionally with filters. Compiled once per discovery config, so a
 * state message costs only the accessor walk. Anything beyond that subset ({@code {% if %}},
 * arithmetic, dicts, Home Assistant's other filters) is compiled once into a {@link JinjaTemplate};
 * a Jinja render that yields only whitespace counts as "no value" (Home Assistant's undefined
 * renders as an empty string). Immutable and thread-safe.
 */
final class ValueTemplate {
  private static final Set<String> VARIABLES = Set.of("value", "value_json");
  /** No template: the payload text as it is. */
  static final ValueTemplate RAW = new ValueTemplate(null, "{{ value }}");

  private final TemplateExpression expression;
  private final JinjaTemplate jinja;
  private final String source;
  private final String unsupported;

  private ValueTemplate(TemplateExpression expression, String source) {
    this(expression, null, source, null);
  }

  private ValueTemplate(TemplateExpression expression, JinjaTemplate jinja, String source,
      String unsupported) {
    this.expression = expression;
    this.jinja = jinja;
    this.source = source;
    this.unsupported = unsupported;
  }

  /** A configured template PMA cannot evaluate: every payload read through it is unreadable. */
  static ValueTemplate unsupported(String reason) {
    return new ValueTemplate(null, null, reason, reason);
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
    if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && trimmed.indexOf("{{", 2) < 0
        && !trimmed.contains("{%")) {
      try {
        String inner = trimmed.substring(2, trimmed.length() - 2);
        return new ValueTemplate(TemplateExpression.parse(inner, VARIABLES), trimmed);
      } catch (InvalidConfigException beyondSubset) {
        // Falls through to the full template language.
      }
    }
    return new ValueTemplate(null, JinjaTemplate.compile(template), trimmed, null);
  }

  /** Whether this template is rendered by the full template engine (not the fast subset). */
  boolean usesJinja() {
    return jinja != null;
  }

  private String renderJinja(Payload payload) throws MalformedPayloadException {
    Map<String, Object> variables = new HashMap<>(4);
    variables.put("value", payload.text());
    variables.put("value_json", payload.plainJson());
    String output = jinja.render(variables).strip();
    return output.isEmpty() ? null : output;
  }

  /** The template's value, or a missing node when the payload lacks it. */
  JsonNode evaluate(Payload payload) throws MalformedPayloadException {
    if (unsupported != null) {
      throw MalformedPayloadException.unsupportedTemplate(unsupported);
    }
    if (jinja != null) {
      String output = renderJinja(payload);
      return output == null ? MissingNode.getInstance()
          : JsonNodeFactory.instance.textNode(output);
    }
    if (expression == null) {
      return JsonNodeFactory.instance.textNode(payload.text());
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
    if (jinja != null) {
      return renderJinja(payload);
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
