package io.pma.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered as an RFC 9457 problem document with {@code status}; {@code extensions} are
 * extra members of the document (such as {@code invalid_params}), or null.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final ObjectNode extensions;

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public ApiException(int status, String title, String detail, ObjectNode extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.extensions = extensions;
  }

  public ObjectNode extensions() {
    return extensions;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad Request", detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not Found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail);
  }

  public static ApiException unprocessable(String detail) {
    return new ApiException(422, "Unprocessable Content", detail);
  }
}
