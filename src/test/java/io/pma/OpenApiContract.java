package io.pma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The REST tests' check of PMA's OpenAPI document ({@code src/main/resources/openapi.yaml}): every
 * response that {@link TestServer#send} receives is checked against the operation the document
 * gives for its method and path — a documented status (or {@code default}), a documented media
 * type, and a JSON body that validates against the schema (networknt json-schema-validator, OpenAPI
 * 3.1 dialect, formats asserted). A mismatch throws an {@link AssertionError} naming the route, the
 * status and every violation, so the test that received it fails.
 *
 * <p>A path the document does not list is left to {@code OpenApiRoutesTest}, which fails on every
 * route the router serves that the document lacks; here only its problem documents are checked
 * (404s of unknown paths, 405s).
 */
public final class OpenApiContract {
  /** Where the document lives for the validator; only a name, nothing is fetched. */
  private static final String BASE = "https://pma.invalid/openapi.json";
  private static final String PROBLEM_SCHEMA = "/components/schemas/Problem";
  private static final JsonNode DOCUMENT = read();
  /**
   * OpenAPI 3.1's schema dialect, told that the document's own top-level members are not schema
   * keywords (the validator would warn about each).
   */
  private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi31())
      .keywords(Stream.of("openapi", "info", "jsonSchemaDialect", "servers", "security", "tags",
          "paths", "components", "webhooks", "externalDocs").map(NonValidationKeyword::new)
          .toList())
      .build();
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(DIALECT,
      builder -> builder.schemas(Map.of(BASE, DOCUMENT.toString())));
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
  private static final List<PathTemplate> PATHS = templates();

  private OpenApiContract() {}

  /** The document as written. */
  public static JsonNode document() {
    return DOCUMENT;
  }

  /** One path of the document and the pattern of the request paths it stands for. */
  private record PathTemplate(String template, Pattern pattern, int literalSegments) {}

  /** Every operation of the document, as {@code "GET /api/v1/users/{id}"}. */
  public static List<String> operations() {
    List<String> operations = new ArrayList<>();
    DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> {
          if (!method.equals("parameters")) {
            operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
          }
        }));
    return operations;
  }

  /** The document's operation for a request, as {@code "GET /api/v1/users/{id}"}, if any. */
  public static Optional<String> operationOf(String method, String path) {
    return match(path).filter(t -> DOCUMENT.path("paths").path(t.template())
            .has(method.toLowerCase(Locale.ROOT)))
        .map(t -> method + " " + t.template());
  }

  /**
   * Checks one exchange; {@code path} without the query. Throws an {@link AssertionError} that
   * says what does not match the document.
   */
  public static void check(String method, String path, int status, String contentType,
      String body) {
    Optional<PathTemplate> template = match(path);
    JsonNode operation = template.map(t -> DOCUMENT.path("paths").path(t.template())
        .path(method.toLowerCase(Locale.ROOT))).filter(JsonNode::isObject).orElse(null);
    String mediaType = mediaType(contentType);
    if (operation == null) {
      if (mediaType.equals("application/problem+json")) {
        validate(PROBLEM_SCHEMA, body, method + " " + path + " -> " + status);
      }
      return;
    }
    String route = method + " " + template.get().template() + " -> " + status;
    String responsePointer = responsePointer(template.get().template(), method, operation, status)
        .orElseThrow(() -> new AssertionError(route + ": status " + status
            + " is not in openapi.yaml (documented: " + fieldNames(operation.path("responses"))
            + "); body: " + abbreviate(body)));
    JsonNode response = DOCUMENT.at(responsePointer);
    if (response.has("$ref")) {
      responsePointer = response.get("$ref").asText().substring(1);
      response = DOCUMENT.at(responsePointer);
    }
    JsonNode content = response.path("content");
    if (body.isEmpty() && (status < 200 || status >= 300 || content.isMissingNode())) {
      return; // nothing to check: a bodiless answer (204, a bare 429 at the connection cap)
    }
    if (content.isMissingNode()) {
      throw new AssertionError(route + ": openapi.yaml declares no body, but it came with "
          + contentType + ": " + abbreviate(body));
    }
    if (!content.has(mediaType)) {
      throw new AssertionError(route + ": Content-Type " + contentType
          + " is not in openapi.yaml (documented: " + fieldNames(content) + ")");
    }
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      validate(responsePointer + "/content/" + escape(mediaType) + "/schema", body, route);
    }
  }

  /** Compiles every schema a response can be checked against, so a broken $ref fails at once. */
  public static List<String> schemaPointers() {
    List<String> pointers = new ArrayList<>();
    DOCUMENT.path("components").path("schemas").fieldNames()
        .forEachRemaining(name -> pointers.add("/components/schemas/" + escape(name)));
    DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fields()
        .forEachRemaining(op -> op.getValue().path("responses").fields().forEachRemaining(r ->
            r.getValue().path("content").fields().forEachRemaining(media -> pointers.add(
                "/paths/" + escape(path.getKey()) + "/" + op.getKey() + "/responses/" + r.getKey()
                + "/content/" + escape(media.getKey()) + "/schema")))));
    return pointers;
  }

  /** The schema at {@code pointer} of the document, compiled once. */
  public static Schema schema(String pointer) {
    return COMPILED.computeIfAbsent(pointer,
        p -> SCHEMAS.getSchema(SchemaLocation.of(BASE + "#" + p)));
  }

  private static void validate(String schemaPointer, String body, String route) {
    List<Error> errors;
    try {
      errors = schema(schemaPointer).validate(body, InputFormat.JSON,
          context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    } catch (RuntimeException notJson) {
      throw new AssertionError(route + ": the body is not JSON: " + abbreviate(body), notJson);
    }
    if (!errors.isEmpty()) {
      throw new AssertionError(route + ": the body does not match openapi.yaml ("
          + schemaPointer + "):\n  " + errors.stream().map(Error::toString)
              .collect(Collectors.joining("\n  ")) + "\nbody: " + abbreviate(body));
    }
  }

  /** The response for {@code status}: its code, its range ({@code 4XX}), else {@code default}. */
  private static Optional<String> responsePointer(String template, String method,
      JsonNode operation, int status) {
    JsonNode responses = operation.path("responses");
    String base = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT)
        + "/responses/";
    for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
      if (responses.has(key)) {
        return Optional.of(base + key);
      }
    }
    return Optional.empty();
  }

  /** The template of the document for {@code path}; literal segments win over parameters. */
  private static Optional<PathTemplate> match(String path) {
    PathTemplate best = null;
    for (PathTemplate t : PATHS) {
      if (t.pattern().matcher(path).matches()
          && (best == null || t.literalSegments() > best.literalSegments())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<PathTemplate> templates() {
    List<PathTemplate> list = new ArrayList<>();
    DOCUMENT.path("paths").fieldNames().forEachRemaining(template -> {
      StringBuilder regex = new StringBuilder();
      int literals = 0;
      for (String segment : template.substring(1).split("/", -1)) {
        regex.append('/');
        if (segment.startsWith("{") && segment.endsWith("}")) {
          regex.append("[^/]+");
        } else {
          regex.append(Pattern.quote(segment));
          literals++;
        }
      }
      list.add(new PathTemplate(template, Pattern.compile(regex.toString()), literals));
    });
    return List.copyOf(list);
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
        .toLowerCase(Locale.ROOT);
  }

  /** JSON Pointer escaping (RFC 6901). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names.toString();
  }

  private static String abbreviate(String body) {
    return body.length() <= 500 ? body : body.substring(0, 500) + "...";
  }

  private static JsonNode read() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is not on the class path");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
