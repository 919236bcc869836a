package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled command template such as zigbee2mqtt's {@code { "position": {{ position }} }}: literal
 * text with {@code {{ expression }}} holes over the given variables. A template beyond that
 * subset (control blocks, arithmetic, other filters) is compiled once into a {@link JinjaTemplate}.
 * Immutable and thread-safe.
 */
final class CommandTemplate {
  private final List<Object> parts;
  private final JinjaTemplate jinja;
  private final String unsupported;

  private CommandTemplate(List<Object> parts, JinjaTemplate jinja, String unsupported) {
    this.parts = parts;
    this.jinja = jinja;
    this.unsupported = unsupported;
  }

  /** A configured template PMA cannot render: the actions that need it are unsupported. */
  static CommandTemplate unsupported(String reason) {
    return new CommandTemplate(List.of(), null, reason);
  }

  /** Why this template cannot be rendered, or null when it can. */
  String unsupportedReason() {
    return unsupported;
  }

  static CommandTemplate compile(String template, Set<String> variables)
      throws InvalidConfigException {
    if (!template.contains("{%") && !template.contains("{#")) {
      try {
        return simple(template, variables);
      } catch (InvalidConfigException beyondSubset) {
        // Falls through to the full template language.
      }
    }
    return new CommandTemplate(List.of(), JinjaTemplate.compile(template), null);
  }

  private static CommandTemplate simple(String template, Set<String> variables)
      throws InvalidConfigException {
    List<Object> parts = new ArrayList<>();
    int pos = 0;
    while (pos < template.length()) {
      int open = template.indexOf("{{", pos);
      if (open < 0) {
        parts.add(template.substring(pos));
        break;
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new InvalidConfigException("unterminated '{{' in template '" + template + "'");
      }
      if (open > pos) {
        parts.add(template.substring(pos, open));
      }
      parts.add(TemplateExpression.parse(template.substring(open + 2, close), variables));
      pos = close + 2;
    }
    return new CommandTemplate(List.copyOf(parts), null, null);
  }

  /** Renders with the given variable values; the result is stripped, as Home Assistant does. */
  String render(Map<String, JsonNode> values) throws MalformedPayloadException {
    if (jinja != null) {
      Map<String, Object> plain = new HashMap<>();
      values.forEach((name, value) -> plain.put(name, Json.MAPPER.convertValue(value, Object.class)));
      return jinja.render(plain).strip();
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof TemplateExpression expression) {
        JsonNode value = expression.evaluate(
            name -> values.getOrDefault(name, MissingNode.getInstance()));
        if (value.isMissingNode()) {
          throw new MalformedPayloadException("template value '" + expression.variable()
              + "' is undefined");
        }
        out.append(PythonText.of(value));
      } else {
        out.append((String) part);
      }
    }
    return out.toString().strip();
  }
}
