package io.pma.transport;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint a router serves: an HTTP method and a path template in OpenAPI's spelling
 * ({@code /api/v1/users/{id}}; Vert.x writes {@code :id}).
 */
public record ServedRoute(String method, String path) {

  /** The endpoints of {@code router}: routes bound to methods and a path, in the router's order. */
  static List<ServedRoute> of(Router router) {
    List<ServedRoute> routes = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      if (route.methods() == null || route.methods().isEmpty() || route.getPath() == null) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        routes.add(new ServedRoute(method.name(), template(route.getPath())));
      }
    }
    return List.copyOf(routes);
  }

  private static String template(String vertxPath) {
    return vertxPath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
