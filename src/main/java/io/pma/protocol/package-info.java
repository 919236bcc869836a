/**
 * The /ws wire protocol (PROTOCOL.md): typed inbound messages and the one gate that decodes them,
 * outbound message factories (the envelope is defined once, in {@link io.pma.protocol.ServerMessages}),
 * and the protocol's error reasons and close codes. Pure values and JSON: no I/O, no framework.
 */
package io.pma.protocol;
