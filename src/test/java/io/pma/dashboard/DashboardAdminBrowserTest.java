package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The admin page in Chromium against a real server: users, long-lived tokens, adapters, system. */
@DisplayName("Dashboard: the admin page in a real browser")
class DashboardAdminBrowserTest extends BrowserTest {

  @Override
  protected Map<String, String> settings() {
    // A heap alert at a threshold every JVM exceeds, sampled often: the system section lists it.
    return Map.of("PMA_SYSTEM_ALERTS_HEAP_USED_PERCENT", "0.001",
        "PMA_SYSTEM_SAMPLE_INTERVAL_MS", "100");
  }

  private void press(String what, By by) {
    displayed(what, by).sendKeys(Keys.ENTER);
  }

  private JsonNode user(String username) {
    for (JsonNode u : server.request("GET", "/api/v1/users", token(), null).json()) {
      if (u.path("username").asText().equals(username)) {
        return u;
      }
    }
    return null;
  }

  @Test
  @DisplayName("an admin creates, disables, promotes and resets a user, creates a token shown once and revokes it, resyncs an adapter")
  void usersTokensAdapters() {
    signInAsAdmin();
    browser.driver().findElement(By.linkText("Admin")).click();
    displayed("the admin page", By.id("admin-page-title"));

    browser.driver().findElement(By.id("new-username")).sendKeys("carol");
    browser.driver().findElement(By.id("new-password")).sendKeys("carol-password-1");
    press("create", By.xpath("//button[normalize-space(.)='Create user']"));
    browser.await("carol stored", d -> user("carol") != null);
    By carol = By.cssSelector("tr[data-username='carol']");
    press("disable", By.xpath("//tr[@data-username='carol']//button[normalize-space(.)='Disable']"));
    browser.await("carol disabled", d -> user("carol").path("disabled").asBoolean());
    assertThat(server.request("POST", "/api/v1/auth/login", null,
        "{\"username\":\"carol\",\"password\":\"carol-password-1\"}").status()).isEqualTo(401);
    press("enable", By.xpath("//tr[@data-username='carol']//button[normalize-space(.)='Enable']"));
    browser.await("carol enabled", d -> !user("carol").path("disabled").asBoolean());
    press("promote", By.xpath("//tr[@data-username='carol']//button[normalize-space(.)='Make admin']"));
    browser.await("carol admin", d -> user("carol").path("roles").toString().contains("admin"));
    page.script("window.prompt = () => 'carol-password-2'");
    press("reset", By.xpath("//tr[@data-username='carol']//button[normalize-space(.)='Reset password']"));
    browser.await("the new password works", d -> server.request("POST", "/api/v1/auth/login", null,
        "{\"username\":\"carol\",\"password\":\"carol-password-2\"}").status() == 200);
    assertThat(displayed("carol's row", carol).getText()).contains("admin").contains("Active");

    browser.driver().findElement(By.id("token-name")).sendKeys("feeder");
    browser.driver().findElement(By.id("token-topics")).sendKeys("entity_updates:sensor.*");
    press("create token", By.xpath("//button[normalize-space(.)='Create token']"));
    WebElement shown = displayed("the token shown once", By.id("new-token-text"));
    String longLived = shown.getAttribute("value");
    assertThat(longLived).startsWith("eyJ");
    assertThat(server.request("GET", "/api/v1/entities", longLived, null).status()).isEqualTo(200);
    JsonNode listed = server.request("GET", "/api/v1/auth/tokens", token(), null).json();
    assertThat(listed.toString()).contains("feeder").contains("entity_updates:sensor.*").doesNotContain(longLived);
    press("done", By.xpath("//button[normalize-space(.)='Done']"));
    assertThat(browser.driver().findElements(By.id("new-token-text"))).isEmpty();
    press("revoke", By.xpath("//tr[td[text()='feeder']]//button[normalize-space(.)='Revoke']"));
    browser.await("the token refused", d -> server.request("GET", "/api/v1/entities", longLived, null).status() == 401);

    WebElement demo = displayed("the demo adapter", By.cssSelector("tr[data-adapter-id='demo']"));
    assertThat(demo.getText()).contains("Connected").contains("25");
    press("resync", By.xpath("//tr[@data-adapter-id='demo']//button[normalize-space(.)='Resync']"));
    displayed("the resync toast", By.xpath("//*[contains(@class,'toast')][contains(., 'Resync')]"));
    assertThat(displayed("system", By.cssSelector("#admin-view dl")).getText()).containsPattern("Memory \\(RSS\\)\\s+\\d+ MiB");
    assertThat(server.request("GET", "/health", null, null).json().path("checks").path("performance")
        .path("detail").asText()).contains("heap_used_percent");
    assertThat(displayed("system", By.cssSelector("#admin-view dl")).getText())
        .containsPattern("Alerts\\s+alert raised: heap_used_percent");
  }

  @Test
  @DisplayName("a user without the admin role has no admin page")
  void plainUserHasNoAdminPage() {
    assertThat(server.request("POST", "/api/v1/users", token(),
        "{\"username\":\"dave\",\"password\":\"dave-password-1\",\"roles\":[\"user\"]}").status()).isEqualTo(201);
    page.open();
    if (page.dashboardVisible()) {
      browser.driver().findElement(By.id("logout")).click();
    }
    page.login("dave", "dave-password-1");
    assertThat(browser.driver().findElement(By.id("admin-link")).isDisplayed()).isFalse();
    browser.driver().get(server.url("/#/admin"));
    page.awaitConnection("live");
    assertThat(browser.driver().findElement(By.id("admin-view")).isDisplayed()).isFalse();
  }
}
