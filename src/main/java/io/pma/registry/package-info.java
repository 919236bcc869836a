/**
 * The entity registry: the one place where entity state changes, and so the only source of entity
 * events. Persists through a write-behind batch, off the fan-out path.
 */
package io.pma.registry;
