/**
 * The Home Assistant adapter: keeps one WebSocket API session per configured instance (auth phase,
 * command ids, results, events, keep-alive, reconnect), mirrors HA's states into the entity
 * registry, relays HA events as {@code ha_event}, and turns entity actions into {@code call_service}.
 */
package io.pma.adapter.homeassistant;
