package io.pma.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Entity;

/** An action requested on an entity ({@code turn_on}, {@code set_brightness}, ...). */
public record EntityAction(Entity entity, String action, ObjectNode parameters) {}
