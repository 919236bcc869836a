package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** The notifications page in Chromium against a real server: history, unread count, read and dismiss per user. */
@DisplayName("Dashboard: notifications in a real browser")
class DashboardNotificationsBrowserTest extends BrowserTest {

  private long unread() {
    return server.request("GET", "/api/v1/notifications/unread_count", token(), null).json().path("unread").asLong();
  }

  private String badge() {
    WebElement badge = browser.driver().findElement(By.id("unread-count"));
    return badge.isDisplayed() ? badge.getText() : "";
  }

  @Test
  @DisplayName("a new notification raises the unread count; Mark read and Dismiss are stored for this user and survive a reload")
  void readAndDismiss() {
    signInAsAdmin();
    TestServer.Response sent = server.request("POST", "/api/v1/notifications", token(),
        "{\"title\":\"Garage open\",\"message\":\"The garage door is open\",\"level\":\"warning\"}");
    assertThat(sent.status()).isEqualTo(201);
    String id = sent.json().path("id").asText();
    browser.await("the unread count in the header", d -> badge().equals(String.valueOf(unread())) && unread() >= 1);
    long before = unread();

    browser.driver().findElement(By.partialLinkText("Notifications")).click();
    By item = By.cssSelector(".notification[data-id='" + id + "']");
    WebElement row = browser.await("the notification listed", d -> d.findElements(item).stream().findFirst().orElse(null));
    assertThat(row.getText()).contains("Garage open").contains("The garage door is open").contains("unread");
    row.findElement(By.xpath(".//button[normalize-space(.)='Mark read']")).sendKeys(Keys.ENTER);
    browser.await("read on the server", d -> unread() == before - 1);
    browser.await("the count follows", d -> badge().equals(before - 1 == 0 ? "" : String.valueOf(before - 1)));

    // The list re-renders after each mark (and on each `notification` message): look the button up afresh.
    By dismiss = By.xpath("//li[@data-id='" + id + "']//button[normalize-space(.)='Dismiss']");
    browser.await("Dismiss pressed", d -> {
      try {
        d.findElement(dismiss).sendKeys(Keys.ENTER);
        return true;
      } catch (StaleElementReferenceException e) {
        return null;
      }
    });
    browser.await("gone from the list", d -> d.findElements(item).isEmpty());
    page.open();
    page.awaitConnection("live");
    browser.driver().findElement(By.partialLinkText("Notifications")).click();
    browser.await("the page", d -> d.findElement(By.id("notifications-view")).isDisplayed());
    assertThat(browser.driver().findElements(item)).isEmpty();
    browser.driver().findElement(By.xpath("//button[normalize-space(.)='Show dismissed']")).click();
    WebElement dismissed = browser.await("shown as dismissed", d -> d.findElements(item).stream().findFirst().orElse(null));
    assertThat(dismissed.getText()).contains("dismissed");
  }
}
