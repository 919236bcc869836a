package io.pma.api;

/** An error answered as an RFC 9457 problem document with {@code status}. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;

  public ApiException(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
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
