package io.pma.api;

import io.vertx.ext.web.Router;

/**
 * A set of REST routes. {@link #mount} adds the routes behind the bearer-token gate
 * ({@code /api/v1/*}); {@link #mountPublic} those served without a token (health, login), mounted
 * before the gate. The composition root lists every resource once, in mount order.
 */
public interface Resource {
  void mount(Router router);

  default void mountPublic(Router router) {}
}
