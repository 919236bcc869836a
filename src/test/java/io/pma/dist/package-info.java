/**
 * Tests of the release files (src/dist, Dockerfile, compose.yaml): they parse, they name only
 * configuration PMA knows, and they agree with one another.
 */
package io.pma.dist;
