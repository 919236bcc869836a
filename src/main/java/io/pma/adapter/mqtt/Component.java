package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The compiled, component-specific part of a discovery config (light, switch, sensor...): which
 * topics it reads and how, which attributes its config implies, and how actions become
 * messages. Its entity's domain is the discovery topic's component name. Immutable; built once
 * per config message.
 */
sealed interface Component permits SwitchComponent, BinarySensorComponent, SensorComponent,
    LightComponent, JsonLightComponent, CoverComponent, ClimateComponent, FanComponent,
    LockComponent, ButtonComponent {

  List<StateBinding> bindings();

  /**
   * Attributes that follow from the config alone (unit, supported modes, limits); most
   * components' configs imply none beyond the common ones.
   */
  default void describe(ObjectNode attributes) {}

  /**
   * The messages for an action; throws {@link io.pma.adapter.ActionException} for unsupported
   * actions and bad parameters.
   */
  Command command(String entityId, String action, ObjectNode params, EntityState current);
}
