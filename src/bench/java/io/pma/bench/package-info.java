/**
 * The load generator of docs/PERFORMANCE.md: real WebSocket subscribers on Netty, events injected
 * through the REST API with a send timestamp, and one table of numbers per scenario. Built only
 * with {@code mvn -Pbench}; never part of the server or of {@code mvn test}.
 */
package io.pma.bench;
