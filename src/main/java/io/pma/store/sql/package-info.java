/**
 * The repositories on SQL, written once for both databases PMA supports (SQLite and PostgreSQL),
 * and the numbered migrations that create their schema.
 */
package io.pma.store.sql;
