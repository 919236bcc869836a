/**
 * Who is connected and subscribed to what, and getting each event to them: one {@link io.pma.hub.Hub}
 * per process, one {@link io.pma.hub.HubShard} per event loop (subscription index, fan-out,
 * keep-alive), one {@link io.pma.hub.Session} per connection (its protocol state, subscriptions and
 * bounded outbound queue). Framework-free: the transport supplies {@link io.pma.hub.Connection}s
 * and {@link io.pma.hub.FrameFactory}s.
 */
package io.pma.hub;
