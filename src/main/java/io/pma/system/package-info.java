/**
 * The state of PMA itself: health checks over the database, the broker and the adapters, the
 * {@code system_status} reports built from them, and performance alerts on sampled figures.
 */
package io.pma.system;
