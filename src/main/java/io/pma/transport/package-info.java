/** The only code that touches Vert.x HTTP and WebSocket servers: listeners, one per event loop. */
package io.pma.transport;
