package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer.Response;

/** Assertions on the problem+json answers (RFC 9457) the REST API gives for every refusal. */
public final class ProblemResponses {
  private ProblemResponses() {}

  /** {@code r} is a problem with {@code status} and a title; returns the problem. */
  public static JsonNode assertProblem(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    JsonNode problem = r.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    return problem;
  }

  /** {@code r} is a problem with {@code status} whose detail contains {@code detailPart}. */
  public static void assertProblem(Response r, int status, String detailPart) {
    assertThat(assertProblem(r, status).get("detail").asText()).contains(detailPart);
  }
}
