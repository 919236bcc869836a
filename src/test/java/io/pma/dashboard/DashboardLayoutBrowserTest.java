package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Notification;
import io.pma.domain.SystemStatus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * Layout and accessibility of the signed-in dashboard: desktop and phone sizes (with the
 * screenshots the README shows), accessible names, keyboard focus, and text contrast.
 */
@DisplayName("Dashboard layout and accessibility in a real browser")
class DashboardLayoutBrowserTest extends BrowserTest {

  @BeforeAll
  void signedIn() {
    signInAsAdmin();
    browser.await("the demo adapter in the strip", d -> "connected".equals(page.adapterStatus("demo")));
  }

  @AfterEach
  void defaultViewport() {
    browser.resetViewport();
  }

  /** A system_status with the server's own figures, so the panel is filled however often the server reports. */
  private void publishSystemStatus() {
    JsonNode health = server.request("GET", "/health", null, null).json();
    int entities = server.request("GET", "/api/v1/entities", server.adminToken(), null).json().size();
    server.server().broker().publish(new SystemStatus("healthy", health.path("version").asText(),
        health.path("uptime_seconds").asLong(), new SystemStatus.Cpu(0, 0, 1),
        new SystemStatus.Memory(0, 0, 0, 0, 0), new SystemStatus.Websocket(1, 1),
        new SystemStatus.Entities(entities), Map.of("demo", "connected"),
        new SystemStatus.Database("ok", null, 0)));
    browser.await("the system panel", d -> !"Unknown".equals(d.findElement(By.id("system-badge")).getText()));
  }

  private long pageWidth() {
    return (Long) page.script("return document.documentElement.scrollWidth");
  }

  private static void assertPng(Path file, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  @DisplayName("fits 1280×800 with a sidebar and 390×844 in one column, without sideways scrolling; screenshots saved")
  void desktopAndPhone() throws IOException {
    publishSystemStatus();
    server.server().broker().publish(new Notification("welcome", "Welcome home",
        "All doors are locked", "success", "dashboard", null, Instant.now()));
    browser.await("the toast", d -> !page.toasts().isEmpty());

    page.script("document.activeElement.blur(); window.scrollTo(0, 0);");
    browser.viewport(1280, 800, false);
    assertThat(pageWidth()).isLessThanOrEqualTo(1280);
    Rectangle devices = browser.driver().findElement(By.id("devices")).getRect();
    Rectangle sidebar = browser.driver().findElement(By.cssSelector(".sidebar")).getRect();
    assertThat(sidebar.getX()).as("sidebar beside the devices").isGreaterThan(devices.getX() + devices.getWidth() - 1);
    assertPng(browser.screenshot("dashboard-1280x800"), 1280, 800);
    assertThat((Long) page.script("return document.documentElement.scrollHeight"))
        .as("the 25-device home fits one 1280×800 screen").isLessThanOrEqualTo(800L);

    browser.viewport(390, 844, true);
    browser.await("the phone layout", d -> (Long) page.script("return window.innerWidth") == 390L);
    page.open(); // as a phone opens it (the session survives the reload)
    page.awaitConnection("live");
    browser.await("the cards", d -> page.hasCard("light.kitchen"));
    assertThat(pageWidth()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
    devices = browser.driver().findElement(By.id("devices")).getRect();
    sidebar = browser.driver().findElement(By.cssSelector(".sidebar")).getRect();
    assertThat(sidebar.getY()).as("sidebar below the devices").isGreaterThan(devices.getY());
    List<WebElement> cards = browser.driver().findElements(By.cssSelector("article.card"));
    assertThat(cards.get(0).getRect().getY()).as("the phone starts with devices").isLessThan(400);
    assertThat(browser.driver().findElement(By.id("system-panel")).getAttribute("open"))
        .as("the System panel starts collapsed on a phone").isNull();
    WebElement card = page.card("light.kitchen");
    assertThat(card.getRect().getX() + card.getRect().getWidth()).isLessThanOrEqualTo(390);
    assertPng(browser.screenshot("dashboard-390x844"), 390, 844);
  }

  @Test
  @DisplayName("every control has an accessible name and the right role")
  void accessibleNames() {
    List<WebElement> controls = browser.driver().findElements(
        By.cssSelector("#dashboard-view button, #dashboard-view input, #dashboard-view select, header button"));
    assertThat(controls).hasSizeGreaterThan(30);
    for (WebElement control : controls) {
      if (!control.isDisplayed()) {
        continue; // e.g. "Show hidden" while nothing is hidden: not in the accessibility tree
      }
      assertThat(control.getAccessibleName()).as(control.getAttribute("outerHTML")).isNotBlank();
    }
    WebElement power = page.powerSwitch("light.kitchen");
    assertThat(power.getAriaRole()).isEqualTo("switch");
    assertThat(power.getAccessibleName()).isEqualTo("Kitchen Light Power");
    assertThat(page.slider("light.kitchen").getAccessibleName()).isEqualTo("Kitchen Light Brightness");
    assertThat(page.card("cover.garage_door").findElement(By.cssSelector("[role='group']")).getAccessibleName())
        .isEqualTo("Garage Door");
    assertThat(browser.driver().findElement(By.id("connection")).getAttribute("aria-live")).isEqualTo("polite");
    assertThat(browser.driver().findElement(By.id("toasts-assertive")).getAriaRole()).isEqualTo("alert");
  }

  @Test
  @DisplayName("keyboard focus is visible, starting with a skip link to the content")
  void keyboardFocus() {
    page.open(); // a fresh page load: focus starts at the top of the document
    page.awaitConnection("live");
    new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    WebElement skip = browser.driver().switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to content");
    assertThat(skip.getCssValue("outline-style")).isEqualTo("solid");
    assertThat(skip.getCssValue("outline-width")).isEqualTo("3px");
    assertThat(skip.getRect().getY()).as("the skip link shows when focused").isGreaterThanOrEqualTo(0);

    new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    WebElement next = browser.driver().switchTo().activeElement();
    assertThat(next.getText()).isEqualTo("Home");
    assertThat(next.getCssValue("outline-style")).isEqualTo("solid");
  }

  @Test
  @DisplayName("all visible text meets WCAG AA contrast, on desktop and phone")
  void contrast() {
    publishSystemStatus();
    for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
      browser.viewport(size[0], size[1], size[0] < 600);
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) page.script(Fixtures.text("/a11y/contrast.js"));
      assertThat((Long) result.get("checked")).isGreaterThan(100L);
      assertThat((List<?>) result.get("failures")).as("texts below AA at " + size[0] + "px").isEmpty();
    }
  }
}
