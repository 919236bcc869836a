package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, does not assert: speed lives in measurements, not in test verdicts) how long a
 * page load takes until a 1,000-entity home is painted in headless Chromium: from navigation start
 * to the first animation frame after the board holds every card. The number is in docs/DASHBOARD.md.
 */
@DisplayName("Dashboard: first paint of a 1,000-entity home (printed)")
class DashboardFirstPaintBrowserTest {
  private static final int ENTITIES = 1000;
  private static final String PAINTED_PROBE = """
      window.__boardPainted = new Promise((resolve) => {
        const check = () => {
          const board = document.getElementById('board');
          const cards = board ? board.querySelectorAll('.card').length : 0;
          if (cards > 0 && window.__firstCard === undefined) window.__firstCard = performance.now();
          if (cards >= %d) {
            requestAnimationFrame(() => resolve(performance.now()));
          } else {
            setTimeout(check, 5);
          }
        };
        check();
      });
      """.formatted(ENTITIES);

  @Test
  @DisplayName("a signed-in reload paints 1,000 cards; the time is printed")
  void firstPaintOfAThousandEntities() {
    try (TestServer server = TestServer.start(); Chromium browser = Chromium.launch()) {
      String token = server.adminToken();
      int demo = server.request("GET", "/api/v1/entities", token, null).json().size();
      IntStream.range(0, ENTITIES - demo).parallel().forEach(i -> assertThat(server.request("PUT",
          "/api/v1/entities/sensor.load_" + i + "/state", token,
          "{\"state\":\"" + i + "\",\"area\":\"Zone " + (i % 20) + "\",\"attributes\":{\"unit_of_measurement\":\"W\"}}")
          .status()).isBetween(200, 201));

      DashboardPage page = new DashboardPage(browser, server.url(""));
      page.open();
      page.login("admin", TestServer.ADMIN_PASSWORD);
      browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
          Map.of("source", PAINTED_PROBE));
      for (int round = 1; round <= 3; round++) {
        page.open(); // the session survives the reload: this is opening the app, signed in
        Object painted = page.asyncScript("window.__boardPainted.then(arguments[arguments.length - 1])");
        Object firstCard = page.script("return window.__firstCard");
        Object fcp = page.script("const p = performance.getEntriesByName('first-contentful-paint')[0];"
            + " return p ? p.startTime : null;");
        System.out.printf("DASHBOARD FIRST PAINT (%d entities, round %d): board painted at %.0f ms"
            + " (first card seen at %.0f ms), first contentful paint %s ms%n", ENTITIES, round,
            ((Number) painted).doubleValue(), ((Number) firstCard).doubleValue(),
            fcp == null ? "-" : String.format("%.0f", ((Number) fcp).doubleValue()));
        assertThat(((Number) painted).doubleValue()).isPositive();
      }
      assertThat(browser.scriptErrors()).isEmpty();
    }
  }
}
