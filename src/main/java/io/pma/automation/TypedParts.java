package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading every typed part of a rule (trigger, condition, action) shares: an object whose
 * {@code type} is one of the known ones, read field by field by its kind's reader, and kept only
 * when reading it recorded no error (so a half-read part never reaches the engine).
 */
final class TypedParts {
  /** Reads the fields of one part whose type is known to be valid. */
  interface Reader<T> {
    T read(String type, Fields fields);
  }

  /** Reads one element of a list, found at {@code path}. */
  interface Element<T> {
    T parse(JsonNode node, String path);
  }

  private TypedParts() {}

  /**
   * Each typed part of the list at {@code path}, in order, read by {@code reader}; an invalid one
   * is null (its errors are recorded).
   */
  static <T> List<T> parseList(List<JsonNode> nodes, String path, List<String> types,
      List<FieldError> errors, Reader<T> reader) {
    return parseList(nodes, path, (node, at) -> parse(node, at, types, errors, reader));
  }

  /** The part at {@code path}, or null when it is invalid (the errors are recorded). */
  private static <T> T parse(JsonNode node, String path, List<String> types,
      List<FieldError> errors, Reader<T> reader) {
    Fields f = Fields.of(node, path, errors);
    if (f == null) {
      return null;
    }
    String type = f.type(types);
    if (type == null) {
      return null;
    }
    int before = errors.size();
    T part = reader.read(type, f);
    return errors.size() == before ? part : null;
  }

  /** Each element of the list at {@code path}, in order; an invalid one is null. */
  static <T> List<T> parseList(List<JsonNode> nodes, String path, Element<T> element) {
    List<T> parts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      parts.add(element.parse(nodes.get(i), path + "[" + i + "]"));
    }
    return parts;
  }
}
