/** PostgreSQL as the shared store of a cluster: connection pool and migrations (storage.type: postgres). */
package io.pma.store.postgres;
