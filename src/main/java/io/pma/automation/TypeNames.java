package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The {@code type} a rule part is written with: its {@link JsonTypeName}, the one place it is named. */
final class TypeNames {
  private static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      JsonTypeName name = type.getAnnotation(JsonTypeName.class);
      if (name == null) {
        throw new IllegalStateException(type.getName() + " has no @JsonTypeName");
      }
      return name.value();
    }
  };

  private TypeNames() {}

  static String of(Object part) {
    return NAMES.get(part.getClass());
  }
}
