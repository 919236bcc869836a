/**
 * The only code that touches Vert.x HTTP/WebSocket and Netty types: HTTP listeners (one per event
 * loop), the {@code /ws} upgrade, turning frames into calls on a {@link io.pma.hub.Session}, and
 * writing the hub's pre-framed messages straight to each connection's Netty channel; and what
 * guards the sockets before the hub sees them (per-address caps, header deadline, inflation limit,
 * origin check, browser security headers).
 */
package io.pma.transport;
