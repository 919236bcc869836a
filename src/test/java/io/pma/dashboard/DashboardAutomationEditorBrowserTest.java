package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The automation editor in Chromium against a real server: a new user (role user) writes, fixes,
 * edits, runs, duplicates, disables and deletes the README's motion rule without curl.
 */
@DisplayName("Dashboard: the automation editor in a real browser")
class DashboardAutomationEditorBrowserTest extends BrowserTest {

  @BeforeAll
  void newbie() {
    TestServer.Response user = server.request("POST", "/api/v1/users", token(),
        "{\"username\":\"newbie\",\"password\":\"newbie-password-1\",\"roles\":[\"user\"]}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
  }

  private WebElement field(String path) {
    return displayed("the field " + path, By.cssSelector("[data-path='" + path + "']"));
  }

  private void type(String path, String text) {
    WebElement input = field(path);
    input.clear();
    input.sendKeys(text);
  }

  private WebElement button(String text) {
    return displayed("the button " + text, By.xpath("//button[normalize-space(.)='" + text + "']"));
  }

  private JsonNode rules() {
    return server.request("GET", "/api/v1/automations", token(), null).json();
  }

  @Test
  @DisplayName("a new user creates, fixes, edits, runs, duplicates, disables and deletes the README's motion rule")
  void motionRuleWithoutCurl() {
    page.open();
    page.login("newbie", "newbie-password-1");
    browser.driver().findElement(By.linkText("Automations")).click();
    browser.await("the automations page", d -> d.findElement(By.id("automations-view")).isDisplayed());
    button("New automation").click();

    type("name", "Motion light");
    type("triggers[0].entity_id", "binary_sensor.hallway_motion");
    type("triggers[0].to", "on");
    type("triggers[0].for", "soon"); // not a duration: the server says so at this field
    type("actions[0].entity_id", "light.kitchen");
    type("actions[0].action", "turn_on");
    button("Add action").click();
    new Select(field("actions[1].type")).selectByValue("notify");
    type("actions[1].message", "Motion!");
    button("Save").click();

    WebElement error = browser.await("the error at the field", d -> {
      WebElement p = d.findElement(By.cssSelector("[data-error-for='triggers[0].for']"));
      return p.getText().isEmpty() ? null : p;
    });
    assertThat(error.getText()).contains("triggers[0].for").contains("duration");
    assertThat(field("triggers[0].for").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(rules()).isEmpty();

    field("triggers[0].for").clear();
    button("Save").click();
    browser.await("the rule is stored", d -> rules().size() == 1);
    JsonNode rule = rules().get(0);
    assertThat(rule.path("name").asText()).isEqualTo("Motion light");
    assertThat(rule.path("triggers").toString())
        .isEqualTo("[{\"type\":\"state\",\"entity_id\":\"binary_sensor.hallway_motion\",\"to\":\"on\"}]");
    assertThat(rule.path("actions").get(0).path("action").asText()).isEqualTo("turn_on");
    assertThat(rule.path("actions").get(1).path("message").asText()).isEqualTo("Motion!");
    String id = rule.path("id").asText();
    browser.await("listed", d -> !d.findElements(By.cssSelector(".rule[data-automation-id='" + id + "']")).isEmpty());

    // Edit: the editor stays open on the saved rule.
    type("name", "Motion light (kitchen)");
    button("Save").click();
    browser.await("renamed", d -> "Motion light (kitchen)".equals(rules().get(0).path("name").asText()));
    displayed("the editor on the saved rule", By.xpath("//h3[text()='Edit \"Motion light (kitchen)\"']"));

    // The JSON mode shows the same document.
    button("Edit as JSON").click();
    assertThat(browser.driver().findElement(By.id("rule-json")).getAttribute("value"))
        .contains("binary_sensor.hallway_motion").contains("Motion!");
    button("Edit as form").click();

    // Run now: the light goes on and the run is listed with its steps.
    server.request("POST", "/api/v1/entities/light.kitchen/action", token(), "{\"action\":\"turn_off\"}");
    browser.await("kitchen off", d -> "off".equals(server.request("GET", "/api/v1/entities/light.kitchen", token(), null)
        .json().path("state").asText()));
    WebElement row = browser.driver().findElement(By.cssSelector(".rule[data-automation-id='" + id + "']"));
    row.findElement(By.xpath(".//button[normalize-space(.)='Run now']")).click();
    browser.await("the kitchen light on", d -> "on".equals(server.request("GET", "/api/v1/entities/light.kitchen",
        token(), null).json().path("state").asText()));
    WebElement run = browser.await("the run with its steps", d -> d.findElements(By.cssSelector(".run[data-result='completed']"))
        .stream().findFirst().orElse(null));
    run.findElement(By.tagName("summary")).click();
    assertThat(run.getText()).contains("Completed").contains("actions[0]").contains("entity_action")
        .contains("actions[1]").contains("notify");

    // Duplicate, disable the copy, delete it (the list is at the top of the page).
    page.script("window.scrollTo(0, 0)");
    row = browser.driver().findElement(By.cssSelector(".rule[data-automation-id='" + id + "']"));
    row.findElement(By.xpath(".//button[normalize-space(.)='Duplicate']")).click();
    assertThat(field("name").getAttribute("value")).isEqualTo("Motion light (kitchen) (copy)");
    button("Save").click();
    browser.await("two rules", d -> rules().size() == 2);
    displayed("the editor on the copy", By.xpath("//h3[text()='Edit \"Motion light (kitchen) (copy)\"']"));
    String copy = List.of(rules().get(0), rules().get(1)).stream().map(r -> r.path("id").asText())
        .filter(i -> !i.equals(id)).findFirst().orElseThrow();
    WebElement copyRow = browser.await("the copy listed", d -> d.findElements(
        By.cssSelector(".rule[data-automation-id='" + copy + "']")).stream().findFirst().orElse(null));
    page.script("window.scrollTo(0, 0)");
    WebElement enabled = copyRow.findElement(By.cssSelector("button[role='switch']"));
    assertThat(enabled.getAccessibleName()).isEqualTo("Motion light (kitchen) (copy) Enabled");
    enabled.click();
    browser.await("the copy disabled", d -> server.request("GET", "/api/v1/automations/" + copy, token(), null)
        .json().path("enabled").asBoolean() == false);
    page.script("window.confirm = () => true");
    browser.await("the copy row again", d -> d.findElements(By.cssSelector(".rule[data-automation-id='" + copy + "']"))
        .stream().findFirst().orElse(null)).findElement(By.xpath(".//button[normalize-space(.)='Delete']"))
        .sendKeys(Keys.ENTER); // by keyboard: the toasts of the run may cover it by now
    browser.await("one rule left", d -> rules().size() == 1);
    assertThat(rules().get(0).path("id").asText()).isEqualTo(id);
  }
}
