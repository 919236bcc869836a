/**
 * The MQTT adapter: connects to an MQTT broker, turns Home Assistant-style discovery configs
 * ({@code <prefix>/<component>/[<node_id>/]<object_id>/config}) into entities, feeds their state
 * topics into the registry and publishes entity actions to their command topics.
 */
package io.pma.adapter.mqtt;
