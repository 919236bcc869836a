/** The embedded default store: one SQLite file in WAL mode, migrated by numbered SQL scripts. */
package io.pma.store.sqlite;
