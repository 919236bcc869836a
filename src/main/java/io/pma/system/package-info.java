/** The state of PMA itself: health checks over the database, the broker and the adapters. */
package io.pma.system;
