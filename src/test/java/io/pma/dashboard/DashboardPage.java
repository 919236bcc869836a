package io.pma.dashboard;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What a person sees and does on the dashboard, in the words of the page (roles, labels, ids). */
final class DashboardPage {
  private final Chromium browser;
  private final ChromeDriver driver;
  private final String baseUrl;

  DashboardPage(Chromium browser, String baseUrl) {
    this.browser = browser;
    this.driver = browser.driver();
    this.baseUrl = baseUrl;
  }

  void open() {
    driver.get(baseUrl + "/");
    browser.await("the page has loaded", d -> loginVisible() || dashboardVisible());
  }

  boolean loginVisible() {
    return driver.findElement(By.id("login-view")).isDisplayed();
  }

  boolean dashboardVisible() {
    return driver.findElement(By.id("dashboard-view")).isDisplayed();
  }

  /** Fills in and submits the login form the way a person would (typing, then Enter). */
  void submitLogin(String username, String password) {
    browser.await("the login form", d -> loginVisible());
    WebElement user = driver.findElement(By.id("username"));
    user.clear();
    user.sendKeys(username);
    WebElement pass = driver.findElement(By.id("password"));
    pass.clear();
    pass.sendKeys(password + "\n");
  }

  void login(String username, String password) {
    submitLogin(username, password);
    browser.await("the dashboard after login", d -> dashboardVisible());
    awaitConnection("live");
  }

  String loginError() {
    return driver.findElement(By.id("login-error")).getText();
  }

  String connectionState() {
    return driver.findElement(By.id("connection")).getAttribute("data-state");
  }

  String connectionText() {
    return driver.findElement(By.id("connection-label")).getText();
  }

  void awaitConnection(String state) {
    browser.await("connection state " + state, d -> state.equals(connectionState()));
  }

  By cardSelector(String entityId) {
    return By.cssSelector("article.card[data-entity-id='" + entityId + "']");
  }

  WebElement card(String entityId) {
    return browser.await("the card of " + entityId, d -> {
      List<WebElement> found = d.findElements(cardSelector(entityId));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  boolean hasCard(String entityId) {
    return !driver.findElements(cardSelector(entityId)).isEmpty();
  }

  /** The state the card shows (its data-state, i.e. the entity's raw state). */
  String cardState(String entityId) {
    return card(entityId).getAttribute("data-state");
  }

  String cardStateText(String entityId) {
    return card(entityId).findElement(By.cssSelector(".card-state")).getText();
  }

  void awaitCardState(String entityId, String state) {
    browser.await(entityId + " shown as " + state, d -> state.equals(cardState(entityId)));
  }

  WebElement powerSwitch(String entityId) {
    return card(entityId).findElement(By.cssSelector("button[role='switch']"));
  }

  WebElement slider(String entityId) {
    return card(entityId).findElement(By.cssSelector("input[type='range']"));
  }

  String sliderOutput(String entityId) {
    return card(entityId).findElement(By.cssSelector("output")).getText();
  }

  /** Area headings in page order. */
  List<String> areaTitles() {
    return driver.findElements(By.cssSelector("#board > .area > .area-title")).stream()
        .map(WebElement::getText).toList();
  }

  /** The area and domain group a card sits in: "Kitchen / Lights". */
  String groupOf(String entityId) {
    WebElement card = card(entityId);
    WebElement area = card.findElement(By.xpath("ancestor::section[contains(@class,'area')]"));
    WebElement domain = card.findElement(By.xpath("ancestor::section[contains(@class,'domain-group')]"));
    // textContent: what the page says, before CSS (the domain titles are shown upper-case).
    return area.findElement(By.cssSelector(".area-title")).getAttribute("textContent") + " / "
        + domain.findElement(By.cssSelector(".domain-title")).getAttribute("textContent");
  }

  List<WebElement> toasts() {
    return driver.findElements(By.cssSelector(".toasts .toast"));
  }

  String adapterStatus(String adapterId) {
    List<WebElement> chips = driver.findElements(
        By.cssSelector(".adapter[data-adapter-id='" + adapterId + "']"));
    return chips.isEmpty() ? null : chips.get(0).getAttribute("data-status");
  }

  String automationNote() {
    openPanel("automations-panel");
    return driver.findElement(By.id("automation-note")).getText();
  }

  /** Opens a collapsible side panel (System, Automations) the way a person does: its summary. */
  void openPanel(String id) {
    WebElement panel = driver.findElement(By.id(id));
    if (panel.getAttribute("open") == null) {
      panel.findElement(By.tagName("summary")).click();
    }
    browser.await(id + " open", d -> d.findElement(By.id(id)).getAttribute("open") != null);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }
}
