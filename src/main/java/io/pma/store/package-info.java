/** Durable state: repository interfaces and their SQL implementations with versioned migrations. */
package io.pma.store;
