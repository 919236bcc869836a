/** The REST API of API.md: thin resources that validate input, check roles and call the core. */
package io.pma.api;
