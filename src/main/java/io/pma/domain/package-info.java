/** Pure values of the home: entity ids, entities and the events PMA publishes. No I/O, no framework. */
package io.pma.domain;
