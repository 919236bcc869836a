/**
 * The Prometheus view of PMA: one Micrometer registry that Vert.x reports into (HTTP, pools, JVM)
 * and PMA's own meters (connections, messages, fan-out latency, events per topic family,
 * adapters, entities, database write lag, raised alerts), scraped as Prometheus text.
 */
package io.pma.metrics;
