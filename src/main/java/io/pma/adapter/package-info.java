/**
 * Adapters connect external systems (the demo devices, Home Assistant, MQTT) to PMA: they report
 * entities into the {@link io.pma.registry.EntityRegistry} and carry entity actions out. Adapters
 * never talk to the hub.
 */
package io.pma.adapter;
