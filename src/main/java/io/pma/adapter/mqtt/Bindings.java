package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Builds an entity's state bindings from the topics its config sets, with the rules every
 * component follows: an unset (null) topic binds nothing, and a message whose payload lacks the
 * templated value (the template renders null) leaves the state as it is.
 */
final class Bindings {
  /** Applies one rendered value; throws for a value the config cannot read. */
  @FunctionalInterface
  interface ValueIngest {
    void apply(String value, EntityState state) throws MalformedPayloadException;
  }

  private final List<StateBinding> list = new ArrayList<>();

  /** Renders {@code template} on each message on {@code topic} and hands the value on. */
  Bindings rendered(String topic, ValueTemplate template, ValueIngest ingest) {
    if (topic != null) {
      list.add(new StateBinding(topic, (payload, state) -> {
        String value = template.render(payload);
        if (value != null) {
          ingest.apply(value, state);
        }
      }));
    }
    return this;
  }

  /** A numeric attribute, converted from the device's number; a non-number is malformed. */
  Bindings number(String topic, ValueTemplate template, String attribute,
      DoubleFunction<JsonNode> convert) {
    return rendered(topic, template, (value, state) -> {
      Double number = Filter.parse(value);
      if (number == null) {
        throw new MalformedPayloadException(attribute + " '" + value + "' is not a number");
      }
      state.attributes.set(attribute, convert.apply(number));
    });
  }

  List<StateBinding> list() {
    return list;
  }
}
