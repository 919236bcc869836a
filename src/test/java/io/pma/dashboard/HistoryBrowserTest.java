package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.Json;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The entity history in the dashboard's detail view (entity-detail.js opens it, entity-history.js
 * with uPlot fills its history section) in a real Chromium against a real server: a timeline and
 * a logbook that says who did what for an on/off entity, a graph for a numeric one, hourly
 * statistics beyond two days; one dialog, emptied when it closes.
 */
@DisplayName("Entity history in the detail view, in a real browser")
class HistoryBrowserTest extends BrowserTest {

  @Override
  protected Map<String, String> settings() {
    return Map.of("PMA_DEMO_TICK_MS", "3600000");
  }

  private long count(String selector) {
    return (Long) page.script("return document.querySelectorAll(arguments[0]).length", selector);
  }

  private String chartKind() {
    return (String) page.script("const c = document.querySelector('#entity-detail"
        + " #entity-history .history-chart'); return c ? c.dataset.kind || '' : ''");
  }

  /** Opens an entity's detail view from its card, as a user does. */
  private WebElement openDetail(String entityId) {
    page.card(entityId).findElement(By.cssSelector(".card-open")).click();
    return browser.await("the detail view of " + entityId, d -> {
      WebElement dialog = d.findElement(By.id("entity-detail"));
      return dialog.isDisplayed() && entityId.equals(dialog.findElement(By.id("entity-history"))
          .getAttribute("data-entity-id")) ? dialog : null;
    });
  }

  private void closeDetail() {
    page.script("document.getElementById('entity-detail').close()");
    browser.await("closed", d -> !d.findElement(By.id("entity-detail")).isDisplayed());
  }

  @Test
  @DisplayName("a lock's detail shows its timeline and a logbook naming the user; a sensor's a"
      + " uPlot graph, hourly statistics for 7 days; one dialog, emptied on close")
  void historyInTheDetailView() {
    String token = server.adminToken();
    for (String state : new String[] {"20.5", "22.25"}) {
      server.request("PUT", "/api/v1/entities/sensor.test_power/state", token,
          Json.object().put("state", state).toString());
    }
    assertThat(server.request("POST", "/api/v1/entities/lock.front_door/action", token,
        "{\"action\":\"unlock\"}").status()).isEqualTo(202);
    signInAsAdmin();
    page.awaitConnection("live");
    page.awaitCardState("lock.front_door", "unlocked");

    openDetail("lock.front_door");
    browser.await("the timeline", d -> "timeline".equals(chartKind()));
    assertThat(count("#entity-detail #entity-history .history-segment")).isEqualTo(2);
    // Widths are set through the CSSOM: a style attribute would be dropped by the CSP.
    assertThat(page.script("return [...document.querySelectorAll('#entity-history"
        + " .history-segment')].every((s) => getComputedStyle(s).flexBasis.endsWith('%'))"))
        .isEqualTo(true);
    // Newest first: the unlock, then the lock's first report when the demo devices started.
    browser.await("the logbook", d -> count("#entity-history .history-logbook li time") == 2);
    assertThat((String) page.script("return document.querySelector('#entity-history"
        + " .history-logbook li').textContent")).contains("Front Door Lock unlocked by admin");
    assertThat(count("dialog[open]")).as("one dialog").isEqualTo(1);
    closeDetail();
    assertThat(count("#entity-history .history-body")).as("emptied on close").isZero();

    page.awaitCardState("sensor.test_power", "22.25");
    openDetail("sensor.test_power");
    browser.await("the graph", d -> "numbers".equals(chartKind()));
    assertThat(count("#entity-detail #entity-history .uplot canvas")).isEqualTo(1);
    assertThat(count("#entity-history .history-segment")).isZero();
    page.script("const s = document.querySelector('#entity-history .history-range');"
        + "s.value = '168'; s.dispatchEvent(new Event('change'));");
    browser.await("hourly statistics", d -> "statistics".equals(chartKind()));
    assertThat(count("#entity-history .uplot canvas")).isEqualTo(1);
    assertThat((String) page.script("return document.querySelector('#entity-history .u-legend')"
        + ".textContent")).contains("Mean (hourly)");
    assertThat(count("dialog[open]")).as("one dialog").isEqualTo(1);
    closeDetail();
  }
}
