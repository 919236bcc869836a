package io.pma.adapter.homeassistant;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How one PMA action on one HA domain becomes a service call: the HA service, the parameters it
 * accepts (passed on as service data), those it requires, and a group of which at least one must
 * be given ({@code set_brightness} needs {@code brightness} or {@code brightness_pct}).
 */
record ActionSpec(String service, Map<String, ParamType> params, Set<String> required,
    Set<String> anyOf) {

  ActionSpec {
    params = Map.copyOf(params);
    required = Set.copyOf(required);
    anyOf = Set.copyOf(anyOf);
  }

  static ActionSpec of(String service) {
    return new ActionSpec(service, Map.of(), Set.of(), Set.of());
  }

  /** The same service, also accepting {@code name} (optional). */
  ActionSpec with(String name, ParamType type) {
    Map<String, ParamType> more = new LinkedHashMap<>(params);
    more.put(name, type);
    return new ActionSpec(service, more, required, anyOf);
  }

  ActionSpec with(Map<String, ParamType> more) {
    Map<String, ParamType> all = new LinkedHashMap<>(params);
    all.putAll(more);
    return new ActionSpec(service, all, required, anyOf);
  }

  /** The same service, requiring {@code name}. */
  ActionSpec requiring(String name, ParamType type) {
    ActionSpec spec = with(name, type);
    return new ActionSpec(service, spec.params, union(required, name), anyOf);
  }

  /** At least one of {@code names} (already accepted parameters) must be given. */
  ActionSpec requiringOneOf(Set<String> names) {
    return new ActionSpec(service, params, required, names);
  }

  private static Set<String> union(Set<String> set, String name) {
    Set<String> all = new HashSet<>(set);
    all.add(name);
    return all;
  }
}
