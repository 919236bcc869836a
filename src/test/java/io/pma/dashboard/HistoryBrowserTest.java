package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.domain.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The entity history of the detail view (entity-history.js, uPlot) in a real Chromium against a
 * real server: a timeline and logbook for an on/off entity, a graph for a numeric one, hourly
 * statistics beyond two days. The module is attached to a detail dialog the way the dashboard's
 * detail view does it (the 'entity-detail-open' event with a container).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Entity history in a real browser")
class HistoryBrowserTest {
  private static final String OPEN = "const done = arguments[arguments.length - 1];"
      + "(async () => {"
      + "  const { attachHistory } = await import('/entity-history.js');"
      + "  const { Session } = await import('/session.js');"
      + "  let dialog = document.getElementById('test-detail');"
      + "  if (!dialog) {"
      + "    dialog = document.createElement('dialog'); dialog.id = 'test-detail';"
      + "    const box = document.createElement('div'); box.id = 'test-history'; dialog.append(box);"
      + "    document.body.append(dialog); dialog.showModal();"
      + "    attachHistory(dialog, new Session());"
      + "  }"
      + "  dialog.dispatchEvent(new CustomEvent('entity-detail-open', {detail: {entityId:"
      + "    arguments[0], container: document.getElementById('test-history')}}));"
      + "  done('ok');"
      + "})().catch((e) => done(String(e)));";

  private TestServer server;
  private Chromium browser;
  private DashboardPage page;

  @BeforeAll
  void start() {
    server = TestServer.start(java.util.Map.of("PMA_DEMO_TICK_MS", "3600000"));
    browser = Chromium.launch();
    page = new DashboardPage(browser, server.url(""));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private long count(String selector) {
    return (Long) page.script("return document.querySelectorAll(arguments[0]).length", selector);
  }

  @Test
  @DisplayName("an on/off entity shows a state timeline and its logbook; a sensor a uPlot graph,"
      + " and hourly statistics for 7 days")
  void timelineGraphAndStatistics() {
    String token = server.adminToken();
    for (String state : new String[] {"on", "off", "on"}) {
      server.request("PUT", "/api/v1/entities/switch.test_pump/state", token,
          Json.object().put("state", state).toString());
    }
    server.request("PUT", "/api/v1/entities/sensor.test_power/state", token,
        Json.object().put("state", "20.5").toString());
    server.request("PUT", "/api/v1/entities/sensor.test_power/state", token,
        Json.object().put("state", "22.25").toString());
    browser.driver().get(server.url("/"));
    page.open();
    page.login("admin", TestServer.ADMIN_PASSWORD);

    assertThat(page.asyncScript(OPEN, "switch.test_pump")).isEqualTo("ok");
    browser.await("the timeline", d -> count("#test-history .history-segment") == 3);
    assertThat(page.script("return document.querySelector('#test-history .history-chart')"
        + ".dataset.kind")).isEqualTo("timeline");
    assertThat(count("#test-history .history-segment.is-on")).isEqualTo(2);
    // Widths are set through the CSSOM: a style attribute would be dropped by the CSP.
    assertThat(page.script("return [...document.querySelectorAll('#test-history"
        + " .history-segment')].every((s) => getComputedStyle(s).flexBasis.endsWith('%'))"))
        .isEqualTo(true);
    browser.await("the logbook", d -> count("#test-history .history-logbook li") == 3);
    assertThat((String) page.script("return document.querySelector('#test-history"
        + " .history-logbook li').textContent")).contains("Test pump turned on");

    assertThat(page.asyncScript(OPEN, "sensor.test_power")).isEqualTo("ok");
    browser.await("the graph", d -> count("#test-history .uplot canvas") == 1);
    assertThat(count("#test-history .history-segment")).isZero();
    assertThat(page.script("return document.querySelector('#test-history .history-chart')"
        + ".dataset.kind")).isEqualTo("numbers");

    page.script("const s = document.querySelector('#test-history .history-range');"
        + "s.value = '168'; s.dispatchEvent(new Event('change'));");
    browser.await("hourly statistics", d -> "statistics".equals(page.script(
        "return document.querySelector('#test-history .history-chart').dataset.kind")));
    assertThat(count("#test-history .uplot canvas")).isEqualTo(1);
    assertThat((String) page.script("return document.querySelector('#test-history .u-legend')"
        + ".textContent")).contains("Mean (hourly)");
  }
}
