package io.pma.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import java.util.Objects;

/**
 * An action requested on an entity ({@code turn_on}, {@code set_brightness}, ...), with the context
 * of its cause (the REST call or automation run that asked for it).
 */
public record EntityAction(Entity entity, String action, ObjectNode parameters, Context context) {
  public EntityAction {
    Objects.requireNonNull(context, "context");
  }
}
