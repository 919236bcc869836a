package io.pma.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pma.cli.Version;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/openapi.json} (public): the OpenAPI 3.1 description of the REST API. It is
 * written by hand in {@code openapi.yaml} (readable, with comments) and kept true by tests; it is
 * turned into JSON once, when the router is built, with this build's version filled in.
 */
public final class OpenApiResource implements Resource {
  /** The document on the class path. */
  static final String RESOURCE = "/openapi.yaml";

  /** The answer; a fresh Buffer around it per request, as the event loops share it. */
  private final byte[] json;

  public OpenApiResource() {
    ObjectNode document = load();
    ((ObjectNode) document.required("info")).put("version", Version.current());
    this.json = document.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode load() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public void mount(Router router) {}

  @Override
  public void mountPublic(Router router) {
    router.get("/api/v1/openapi.json").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(json));
  }
}
