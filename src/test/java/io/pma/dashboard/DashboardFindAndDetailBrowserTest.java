package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Finding things (search, areas, device types, favourites, theme) and the entity detail view
 * (state, attributes, controls, customisation saved with PATCH) in Chromium against a real server.
 */
@DisplayName("Dashboard: finding things and entity details in a real browser")
class DashboardFindAndDetailBrowserTest extends BrowserTest {

  @BeforeAll
  void signedIn() {
    signInAsAdmin();
  }

  @BeforeEach
  void everythingShown() {
    page.script("localStorage.clear()");
    page.open();
    page.awaitConnection("live");
    page.card("light.kitchen");
  }

  @SuppressWarnings("unchecked")
  private List<String> visibleIds() {
    return (List<String>) page.script("return [...document.querySelectorAll('#board .card')]"
        + ".filter(c => c.offsetParent !== null).map(c => c.dataset.entityId)");
  }

  private WebElement chip(String containerId, String label) {
    return browser.driver().findElement(By.id(containerId))
        .findElement(By.xpath(".//button[normalize-space(.)='" + label + "']"));
  }

  @Test
  @DisplayName("search filters by name and id as you type; Escape clears it")
  void searchAsYouType() {
    WebElement search = browser.driver().findElement(By.id("search"));
    search.sendKeys("kitch");
    browser.await("only kitchen matches", d -> visibleIds().stream().allMatch(id ->
        id.contains("kitchen") || entity(id).path("name").asText().toLowerCase().contains("kitch")));
    assertThat(visibleIds()).contains("light.kitchen", "binary_sensor.kitchen_window")
        .doesNotContain("switch.coffee_maker", "light.porch"); // in the kitchen, but neither name nor id says so
    search.clear();
    search.sendKeys("lock.back");
    browser.await("the id matches", d -> visibleIds().equals(List.of("lock.back_door")));
    assertThat(browser.driver().findElement(By.id("device-count")).getText()).isEqualTo("1 of 25 devices");
    search.sendKeys(Keys.ESCAPE);
    browser.await("everything again", d -> visibleIds().size() == 25);
  }

  @Test
  @DisplayName("the area navigation and the device-type filters narrow the board")
  void areasAndDomains() {
    chip("area-nav", "Office").click();
    browser.await("only the office", d -> visibleIds().size() == 2);
    assertThat(visibleIds()).containsExactlyInAnyOrder("light.office", "sensor.office_co2");
    assertThat(chip("area-nav", "Office").getAttribute("aria-pressed")).isEqualTo("true");
    chip("area-nav", "All areas").click();
    chip("domain-filters", "Locks").click();
    browser.await("only locks", d -> visibleIds().size() == 2);
    assertThat(visibleIds()).allMatch(id -> id.startsWith("lock."));
    chip("domain-filters", "Covers").click();
    browser.await("locks and covers", d -> visibleIds().size() == 4);
    chip("domain-filters", "Locks").click();
    chip("domain-filters", "Covers").click();
    browser.await("everything again", d -> visibleIds().size() == 25);
  }

  @Test
  @DisplayName("a card pinned in its detail view sits under Favourites first, also after a reload")
  void favourites() {
    page.card("light.porch").findElement(By.cssSelector(".card-open")).click();
    WebElement dialog = browser.await("the detail view", d -> d.findElement(By.id("entity-detail")).isDisplayed()
        ? d.findElement(By.id("entity-detail")) : null);
    dialog.findElement(By.xpath(".//button[contains(., 'Pin to favourites')]")).click();
    dialog.findElement(By.xpath(".//button[normalize-space(.)='Close']")).click();
    browser.await("porch under favourites", d -> page.groupOf("light.porch").startsWith("Favourites"));
    assertThat(page.areaTitles().get(0)).isEqualTo("Favourites");
    page.open();
    page.awaitConnection("live");
    browser.await("still pinned", d -> page.groupOf("light.porch").startsWith("Favourites"));
  }

  @Test
  @DisplayName("the theme switch changes light/dark by hand and the choice survives a reload")
  void themeSwitch() {
    WebElement button = browser.driver().findElement(By.id("theme-switch"));
    assertThat(button.getText()).isEqualTo("Theme: automatic");
    button.click();
    assertThat(button.getText()).isEqualTo("Theme: light");
    assertThat(page.script("return document.documentElement.dataset.theme")).isEqualTo("light");
    button.click();
    assertThat(button.getText()).isEqualTo("Theme: dark");
    assertThat(page.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
    String background = (String) page.script("return getComputedStyle(document.documentElement).backgroundColor");
    page.open();
    assertThat(page.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
    assertThat(page.script("return getComputedStyle(document.documentElement).backgroundColor")).isEqualTo(background);
    assertThat(background).isEqualTo("rgb(15, 18, 22)");
  }

  @Test
  @DisplayName("the keyboard alone searches, opens a card's details, and Escape closes them with focus back on the card")
  void keyboard() {
    WebElement search = browser.driver().findElement(By.id("search"));
    search.click();
    new Actions(browser.driver()).sendKeys("garage door").perform();
    browser.await("the garage door only", d -> visibleIds().equals(List.of("cover.garage_door")));
    WebElement opener = page.card("cover.garage_door").findElement(By.cssSelector(".card-open"));
    opener.sendKeys(Keys.ENTER);
    browser.await("the detail view", d -> d.findElement(By.id("entity-detail")).isDisplayed());
    assertThat(browser.driver().findElement(By.id("entity-detail-title")).getText()).isEqualTo("Garage Door");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    browser.await("closed", d -> !d.findElement(By.id("entity-detail")).isDisplayed());
    assertThat(browser.driver().switchTo().activeElement()).isEqualTo(opener);
  }

  @Test
  @DisplayName("the detail view shows state, attributes and controls, and saves name, area, icon and hidden with PATCH")
  void detailAndCustomisation() {
    String id = "light.living_room";
    page.card(id).findElement(By.cssSelector(".card-open")).click();
    WebElement dialog = browser.await("the detail view", d -> d.findElement(By.id("entity-detail")).isDisplayed()
        ? d.findElement(By.id("entity-detail")) : null);
    assertThat(dialog.getText()).contains("Living Room Light").contains("Brightness").contains("Friendly name")
        .contains("light.living_room").contains("demo");
    assertThat(dialog.findElement(By.cssSelector("button[role='switch']")).getAccessibleName())
        .isEqualTo("Living Room Light Power");
    assertThat(dialog.findElement(By.id("entity-history")).getAttribute("data-entity-id")).isEqualTo(id);

    setField("entity-name", "Sofa lamp");
    setField("entity-area", "Lounge");
    setField("entity-icon", "☀");
    dialog.findElement(By.id("entity-hidden")).click();
    dialog.findElement(By.xpath(".//button[normalize-space(.)='Save']")).click();
    browser.await("the server has it", d -> "Sofa lamp".equals(entity(id).path("name").asText()));
    JsonNode saved = entity(id);
    assertThat(saved.path("area").asText()).isEqualTo("Lounge");
    assertThat(saved.path("icon").asText()).isEqualTo("☀");
    assertThat(saved.path("hidden").asBoolean()).isTrue();
    browser.await("the detail title follows", d -> d.findElement(By.id("entity-detail-title")).getText().contains("Sofa lamp"));
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();

    // Hidden: off the board until "Show hidden" is pressed; then under its new area and name.
    browser.await("hidden from the board", d -> !visibleIds().contains(id));
    WebElement showHidden = browser.driver().findElement(By.id("show-hidden"));
    assertThat(showHidden.getText()).isEqualTo("Show hidden (1)");
    showHidden.click();
    browser.await("shown again", d -> visibleIds().contains(id));
    assertThat(page.groupOf(id)).isEqualTo("Lounge / Lights");
    assertThat(page.card(id).findElement(By.cssSelector(".card-name")).getText()).contains("Sofa lamp");
    showHidden.click();

    // Reset brings the adapter's values back.
    page.script("document.querySelector(\"#board .card[data-entity-id='light.living_room'] .card-open\").click()");
    WebElement again = browser.await("the detail view", d -> d.findElement(By.id("entity-detail")).isDisplayed()
        ? d.findElement(By.id("entity-detail")) : null);
    again.findElement(By.xpath(".//button[contains(., 'Reset to the adapter')]")).click();
    browser.await("the adapter's name again", d -> "Living Room Light".equals(entity(id).path("name").asText()));
    assertThat(entity(id).path("hidden").asBoolean()).isFalse();
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    browser.await("back in its area", d -> visibleIds().contains(id) && page.groupOf(id).equals("Living Room / Lights"));
  }

  @Test
  @DisplayName("the thermostat's − and + send one step from the server's target")
  void thermostatSteps() {
    String id = "climate.living_room";
    double before = entity(id).path("attributes").path("temperature").asDouble();
    WebElement plus = page.card(id).findElement(By.xpath(".//button[.//span[text()='Raise']]"));
    assertThat(plus.getAccessibleName()).isEqualTo("Raise Living Room Thermostat Target °C");
    plus.click();
    browser.await("one step up", d -> entity(id).path("attributes").path("temperature").asDouble() == before + 0.5);
    page.card(id).findElement(By.xpath(".//button[.//span[text()='Lower']]")).click();
    browser.await("and down again", d -> entity(id).path("attributes").path("temperature").asDouble() == before);
  }

  @Test
  @DisplayName("a light that lists colour modes gets colour controls sending set_color; one that lists none gets none")
  void colourControls() {
    TestServer.Response put = server.request("PUT", "/api/v1/entities/light.colour_probe/state", token(),
        "{\"state\":\"on\",\"attributes\":{\"brightness\":100,\"supported_color_modes\":[\"hs\",\"color_temp\"],"
            + "\"hs_color\":[0,100],\"color_temp_kelvin\":3000,\"min_color_temp_kelvin\":2000,"
            + "\"max_color_temp_kelvin\":6500}}");
    assertThat(put.status()).isBetween(200, 201);
    page.card("light.colour_probe").findElement(By.cssSelector(".card-open")).click();
    WebElement dialog = browser.await("the detail view", d -> d.findElement(By.id("entity-detail")).isDisplayed()
        ? d.findElement(By.id("entity-detail")) : null);
    WebElement colour = dialog.findElement(By.cssSelector("input[type='color']"));
    assertThat(colour.getAttribute("value")).isEqualTo("#ff0000");
    assertThat(colour.getAccessibleName()).isEqualTo("Colour probe Colour");
    assertThat(dialog.findElements(By.cssSelector("input[type='range']"))).hasSize(2); // brightness, colour temperature
    // Capture what the page sends, then pick a colour.
    page.script("window.sent = []; const f = window.fetch; window.fetch = (u, o) => {"
        + " if (String(u).endsWith('/action')) window.sent.push(JSON.parse(o.body)); return f(u, o); };");
    page.script("const c = arguments[0]; c.value = '#00ff00'; c.dispatchEvent(new Event('change'));", colour);
    browser.await("the action sent", d -> !((List<?>) page.script("return window.sent")).isEmpty());
    assertThat(page.script("return JSON.stringify(window.sent[0])"))
        .isEqualTo("{\"action\":\"set_color\",\"parameters\":{\"rgb_color\":[0,255,0]}}");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();

    // The demo lights are colour bulbs; a plain dimmer lists no colour modes.
    assertThat(server.request("PUT", "/api/v1/entities/light.plain_probe/state", token(),
        "{\"state\":\"on\",\"attributes\":{\"brightness\":100,\"friendly_name\":\"Plain probe\"}}").status())
        .isBetween(200, 201);
    page.card("light.plain_probe").findElement(By.cssSelector(".card-open")).click();
    WebElement plain = browser.await("the plain light's details", d -> d.findElement(By.id("entity-detail-title"))
        .getText().contains("Plain probe") ? d.findElement(By.id("entity-detail")) : null);
    assertThat(plain.findElements(By.cssSelector("input[type='range']"))).hasSize(1); // brightness only
    assertThat(plain.findElements(By.cssSelector("input[type='color']"))).isEmpty();
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    server.request("DELETE", "/api/v1/entities/light.colour_probe", token(), null);
    server.request("DELETE", "/api/v1/entities/light.plain_probe", token(), null);
  }

  private void setField(String id, String value) {
    WebElement field = browser.driver().findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }
}
