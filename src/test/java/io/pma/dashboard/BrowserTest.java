package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * What every dashboard browser test shares: one real PMA server and one Chromium for the whole
 * class (the machine's cores are shared), the page object, no uncaught script error after any
 * test, and the few REST calls the tests check the page against. A subclass's own
 * {@code @BeforeAll} runs after this one's, with the server and the browser up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
  protected TestServer server;
  protected Chromium browser;
  protected DashboardPage page;
  private String token;

  /** Extra PMA_* variables for the class's server; none by default. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  @BeforeAll
  final void startServerAndBrowser() {
    server = TestServer.start(settings());
    browser = Chromium.launch();
    page = new DashboardPage(browser, server.url(""));
  }

  @AfterAll
  final void stopServerAndBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  final void noScriptErrors() {
    assertThat(browser.scriptErrors()).as("uncaught script errors in the page").isEmpty();
  }

  /** An admin's bearer token for REST calls beside the page (signed in on first use). */
  protected String token() {
    if (token == null) {
      token = server.adminToken();
    }
    return token;
  }

  /** Opens the page and signs in as the admin. */
  protected void signInAsAdmin() {
    page.open();
    page.login("admin", TestServer.ADMIN_PASSWORD);
  }

  /** The displayed element {@code by} finds, waiting while the page re-renders. */
  protected WebElement displayed(String what, By by) {
    return browser.await(what, d -> {
      try {
        return d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
      } catch (StaleElementReferenceException e) {
        return null; // replaced while we looked: look again
      }
    });
  }

  /** The entity as the REST API has it. */
  protected JsonNode entity(String id) {
    TestServer.Response r = server.request("GET", "/api/v1/entities/" + id, token(), null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** Performs an entity action through the REST API, as the admin. */
  protected void action(String id, String action, String parametersJson) {
    action(token(), id, action, parametersJson);
  }

  protected void action(String bearer, String id, String action, String parametersJson) {
    TestServer.Response r = server.request("POST", "/api/v1/entities/" + id + "/action", bearer,
        "{\"action\":\"" + action + "\",\"parameters\":" + parametersJson + "}");
    assertThat(r.status()).as(r.body()).isBetween(200, 299);
  }
}
