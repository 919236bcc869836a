/** Topic names, filters and matching ("entity_updates:light.*"), shared by the hub and by permissions. */
package io.pma.topic;
