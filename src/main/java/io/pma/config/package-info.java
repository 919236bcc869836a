/** Typed configuration: records with their defaults and validation, loaded from YAML and PMA_* variables. */
package io.pma.config;
