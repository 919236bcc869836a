package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.domain.Notification;
import io.pma.domain.SystemStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in Debian's Chromium against a real PMA server with the demo devices: one server
 * and one browser for the whole class (the machine's cores are shared), a fresh session per test.
 */
@DisplayName("Dashboard in a real browser")
class DashboardBrowserTest extends BrowserTest {

  @BeforeEach
  void signedOut() {
    browser.resetViewport();
    browser.driver().get(server.url("/"));
    page.script("sessionStorage.clear()");
    page.open();
  }

  @Test
  @DisplayName("a wrong password is refused with a message; the right one shows every demo entity by area and domain")
  void signInAndDemoEntities() {
    assertThat(page.loginVisible()).isTrue();
    page.submitLogin("admin", "not-the-password");
    browser.await("the login error", d -> !page.loginError().isEmpty());
    assertThat(page.loginError()).isEqualTo("Wrong username or password.");
    assertThat(page.dashboardVisible()).isFalse();

    page.login("admin", TestServer.ADMIN_PASSWORD);

    JsonNode all = server.request("GET", "/api/v1/entities", token(), null).json();
    browser.await("every entity has a card", d ->
        d.findElements(By.cssSelector("article.card")).size() == all.size());
    assertThat(all.size()).isGreaterThanOrEqualTo(20);
    for (JsonNode e : all) {
      // Sensors drift on their own: compare with the server's state at the time of looking.
      String id = e.get("entity_id").asText();
      browser.await(id + " shows the server's state",
          d -> entity(id).get("state").asText().equals(page.cardState(id)));
    }
    assertThat(page.groupOf("light.kitchen")).isEqualTo("Kitchen / Lights");
    assertThat(page.groupOf("lock.front_door")).isEqualTo("Hallway / Locks");
    assertThat(page.groupOf("sensor.outdoor_temperature")).isEqualTo("Outside / Sensors");
    List<String> areas = page.areaTitles();
    List<String> named = areas.stream().filter(a -> !a.equals("No area") && !a.equals("Favourites")).toList();
    assertThat(named).isSortedAccordingTo(String::compareTo).contains("Kitchen", "Living Room");
    if (areas.contains("No area")) {
      assertThat(areas.get(areas.size() - 1)).isEqualTo("No area");
    }
    browser.await("the demo adapter in the strip", d -> "connected".equals(page.adapterStatus("demo")));

    // The token stays out of the address bar and lives in this tab's session storage only.
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("token").doesNotContain("eyJ");
    assertThat((String) page.script("return sessionStorage.getItem('pma.session')")).contains("eyJ");
    assertThat((String) page.script("return JSON.stringify(Object.assign({}, localStorage))")).doesNotContain("eyJ");
  }

  @Test
  @DisplayName("a user without admin rights controls devices and sees adapter states; signing out forgets the session")
  void plainUserAndSignOut() {
    TestServer.Response created = server.request("POST", "/api/v1/users", token(),
        "{\"username\":\"resident\",\"password\":\"resident-password-1\",\"roles\":[\"user\"]}");
    assertThat(created.status()).as(created.body()).isIn(200, 201, 409);
    page.login("resident", "resident-password-1");
    browser.await("the demo adapter in the strip", d -> "connected".equals(page.adapterStatus("demo")));
    String before = page.cardState("switch.garden_pump");
    page.powerSwitch("switch.garden_pump").click();
    page.awaitCardState("switch.garden_pump", "on".equals(before) ? "off" : "on");

    browser.driver().findElement(By.id("logout")).click();

    browser.await("the sign-in form", d -> page.loginVisible());
    assertThat(page.dashboardVisible()).isFalse();
    assertThat(page.script("return sessionStorage.getItem('pma.session')")).isNull();
    assertThat(browser.driver().findElements(By.cssSelector("article.card"))).isEmpty();
    assertThat(page.connectionState()).isEqualTo("idle");
  }

  @Test
  @DisplayName("when an administrator disables the signed-in user, the open page returns to sign-in and says why")
  void disabledUserIsSignedOut() {
    TestServer.Response created = server.request("POST", "/api/v1/users", token(),
        "{\"username\":\"lodger\",\"password\":\"lodger-password-1\",\"roles\":[\"user\"]}");
    assertThat(created.status()).as(created.body()).isIn(200, 201);
    page.login("lodger", "lodger-password-1");
    page.card("light.kitchen");

    TestServer.Response disabled = server.request("PATCH", "/api/v1/users/" + created.json().get("id").asText(),
        token(), "{\"disabled\":true}");
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

    // Nothing in the page calls REST by itself here: the socket's authentication_expired brings it back.
    browser.await("the sign-in form", d -> page.loginVisible());
    assertThat(browser.driver().findElement(By.id("login-reason")).getText()).contains("Your session has ended");
    assertThat(page.script("return sessionStorage.getItem('pma.session')")).isNull();
  }

  @Test
  @DisplayName("switching a light changes its card when the server's event arrives")
  void toggleLight() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    String before = entity("light.kitchen").get("state").asText();
    String expected = "on".equals(before) ? "off" : "on";
    assertThat(page.powerSwitch("light.kitchen").getAttribute("aria-checked"))
        .isEqualTo(String.valueOf("on".equals(before)));

    page.powerSwitch("light.kitchen").click();

    page.awaitCardState("light.kitchen", expected);
    assertThat(entity("light.kitchen").get("state").asText()).isEqualTo(expected);
    assertThat(page.powerSwitch("light.kitchen").getAttribute("aria-checked"))
        .isEqualTo(String.valueOf("on".equals(expected)));
  }

  @Test
  @DisplayName("a refused action leaves the card as the server has it and says why")
  void refusedActionIsNotPredicted() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    TestServer.Response put = server.request("PUT", "/api/v1/entities/switch.dashboard_probe/state",
        token(), "{\"state\":\"off\",\"attributes\":{\"friendly_name\":\"Probe\"}}");
    assertThat(put.status()).isBetween(200, 201);
    page.awaitCardState("switch.dashboard_probe", "off");

    page.powerSwitch("switch.dashboard_probe").click();

    WebElement toast = browser.await("an error toast", d -> d.findElements(
        By.cssSelector("#toasts-assertive .toast-error")).stream().findFirst().orElse(null));
    assertThat(toast.getText()).contains("Turn on failed").contains("switch.dashboard_probe");
    assertThat(page.cardState("switch.dashboard_probe")).isEqualTo("off");
    assertThat(page.powerSwitch("switch.dashboard_probe").getAttribute("aria-checked")).isEqualTo("false");
    server.request("DELETE", "/api/v1/entities/switch.dashboard_probe", token(), null);
    browser.await("the probe's card is removed", d -> !page.hasCard("switch.dashboard_probe"));
  }

  @Test
  @DisplayName("the keyboard alone operates a switch and the brightness slider")
  void keyboardControls() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    action("light.office", "turn_on", "{\"brightness\":200}");
    browser.await("office light at 78%", d -> "78%".equals(page.sliderOutput("light.office")));

    page.slider("light.office").sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);

    // The slider moves in the unit it shows: two steps left from 78% are 76%, i.e. 194 of 255.
    browser.await("brightness 76% (194) reaches the server and comes back",
        d -> entity("light.office").path("attributes").path("brightness").asInt() == 194);
    browser.await("the card shows it", d -> "76%".equals(page.sliderOutput("light.office"))
        && "76".equals(page.slider("light.office").getAttribute("value")));

    String before = entity("switch.coffee_maker").get("state").asText();
    page.powerSwitch("switch.coffee_maker").sendKeys(Keys.SPACE);
    page.awaitCardState("switch.coffee_maker", "on".equals(before) ? "off" : "on");
  }

  @Test
  @DisplayName("cover buttons, the thermostat's mode and target form and the lock switch send their actions")
  void coverClimateAndLockControls() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    action("cover.living_room_blinds", "close", "{}");
    page.awaitCardState("cover.living_room_blinds", "closed");
    page.card("cover.living_room_blinds").findElement(By.xpath(".//button[text()='Open']")).click();
    page.awaitCardState("cover.living_room_blinds", "open");
    assertThat(entity("cover.living_room_blinds").path("attributes").path("current_position").asInt()).isEqualTo(100);

    WebElement thermostat = page.card("climate.bedroom");
    WebElement target = thermostat.findElement(By.cssSelector("input[type='number']"));
    target.clear();
    target.sendKeys("22.5\n");
    browser.await("target 22.5 reaches the server and the card",
        d -> page.card("climate.bedroom").getText().contains("target 22.5 °C"));
    assertThat(entity("climate.bedroom").path("attributes").path("temperature").asDouble()).isEqualTo(22.5);
    new org.openqa.selenium.support.ui.Select(thermostat.findElement(By.tagName("select"))).selectByValue("cool");
    page.awaitCardState("climate.bedroom", "cool");

    String lock = entity("lock.back_door").get("state").asText();
    page.powerSwitch("lock.back_door").click();
    page.awaitCardState("lock.back_door", "locked".equals(lock) ? "unlocked" : "locked");
  }

  @Test
  @DisplayName("changes made by another client arrive live: state changes, added and removed entities")
  void otherClientsChangesArriveLive() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    action("light.porch", "turn_off", "{}");
    page.awaitCardState("light.porch", "off");
    action("light.porch", "turn_on", "{\"brightness\":128}");
    page.awaitCardState("light.porch", "on");
    browser.await("porch brightness", d -> "50%".equals(page.sliderOutput("light.porch")));

    action("cover.garage_door", "set_position", "{\"position\":40}");
    page.awaitCardState("cover.garage_door", "open");
    assertThat(page.card("cover.garage_door").getText()).contains("40% open");

    server.request("PUT", "/api/v1/entities/sensor.dashboard_added/state", token(),
        "{\"state\":\"17\",\"attributes\":{\"unit_of_measurement\":\"W\"}}");
    browser.await("the added sensor", d -> page.hasCard("sensor.dashboard_added")
        && "17 W".equals(page.cardStateText("sensor.dashboard_added")));
    server.request("DELETE", "/api/v1/entities/sensor.dashboard_added", token(), null);
    browser.await("the removed sensor's card goes", d -> !page.hasCard("sensor.dashboard_added"));
  }

  @Test
  @DisplayName("notifications become toasts; system_status fills the system panel")
  void notificationsAndSystemStatus() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    server.server().broker().publish(new Notification("n-1", "Door left open",
        "The garage door has been open for 10 minutes", "warning", "test", null, Instant.now()));
    WebElement toast = browser.await("the toast", d -> d.findElements(
        By.cssSelector("#toasts-assertive .toast-warning")).stream().findFirst().orElse(null));
    assertThat(toast.getText()).contains("Door left open").contains("open for 10 minutes");
    toast.findElement(By.cssSelector("button")).click();
    browser.await("the dismissed toast goes", d -> page.toasts().isEmpty());

    // The report the page gets when it subscribes counts the page itself (the server's latest
    // report may predate every connection), and "Memory" is the process's resident set.
    page.openPanel("system-panel");
    browser.await("the page's own connection counted", d -> d.findElement(By.id("system-facts")).getText()
        .matches("(?s).*Clients\\s+[1-9]\\d* \\([1-9]\\d* signed in\\).*"));
    // The resident set is the test JVM's: past 1 GiB late in a full run.
    assertThat(browser.driver().findElement(By.id("system-facts")).getText())
        .containsPattern("Memory\\s+(\\d+ MiB|\\d+\\.\\d GiB) RSS");
    server.server().broker().publish(new SystemStatus("degraded", "9.9.9-test", 3725,
        new SystemStatus.Cpu(0, 0, 1), new SystemStatus.Memory(50L << 20, 0, 0, 0, 300L << 20),
        new SystemStatus.Websocket(3, 2),
        new SystemStatus.Entities(25), Map.of("demo", "connected"), new SystemStatus.Database("ok", null, 0)));
    page.openPanel("system-panel");
    browser.await("the status panel", d -> d.findElement(By.id("system-facts")).getText().contains("9.9.9-test"));
    assertThat(browser.driver().findElement(By.id("system-badge")).getText()).isEqualTo("Degraded");
    assertThat(browser.driver().findElement(By.id("system-facts")).getText())
        .contains("1 h 2 min").contains("3 (2 signed in)").contains("25").contains("300 MiB RSS (heap 50 MiB)");
  }

  @Test
  @DisplayName("the automation panel shows what the server's automation API has, or says it has none")
  void automations() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    TestServer.Response r = server.request("GET", "/api/v1/automations", token(), null);
    if (r.status() == 404) {
      browser.await("the unavailable notice", d ->
          "Automations are not available on this server.".equals(page.automationNote()));
      return;
    }
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = r.json().isArray() ? r.json() : r.json().path("automations");
    if (list.isEmpty()) {
      browser.await("the empty notice", d -> "No automations yet.".equals(page.automationNote()));
    } else {
      browser.await("one row per automation", d ->
          d.findElements(By.cssSelector(".automation")).size() == list.size());
    }
  }

  @Test
  @DisplayName("EntityStore applies events by seq: stale and duplicate events are ignored, a snapshot resets")
  void entityStoreOrdering() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    Object result = page.asyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import('/pma-client.js').then(({ EntityStore }) => {"
            + "  const s = new EntityStore(); const log = [];"
            + "  const e = (id, state) => ({ entity_id: id, domain: 'light', name: id, state, attributes: {} });"
            + "  s.applySnapshot([e('light.a', 'off')], 10);"
            + "  log.push(s.applyEvent('pma_entity_state_changed', { entity_id: 'light.a', old_state: 'off', new_state: 'on' }, 9));"
            + "  log.push(s.applyEvent('pma_entity_state_changed', { entity_id: 'light.a', old_state: 'off', new_state: 'on', attributes: { brightness: 5 } }, 11));"
            + "  log.push(s.applyEvent('pma_entity_state_changed', { entity_id: 'light.a', old_state: 'on', new_state: 'off' }, 11));"
            + "  log.push(s.applyEvent('pma_entity_added', { entity_id: 'light.b', entity: e('light.b', 'on') }, 12));"
            + "  log.push(s.applyEvent('pma_entity_removed', { entity_id: 'light.a' }, 13));"
            + "  const after = [...s.entities.values()].map((x) => x.entity_id + '=' + x.state).join(',');"
            + "  s.applySnapshot([e('light.c', 'on')], 2);"
            + "  log.push(s.applyEvent('pma_entity_state_changed', { entity_id: 'light.c', old_state: 'on', new_state: 'off' }, 3));"
            + "  done(log.join(',') + '|' + after + '|' + [...s.entities.values()].map((x) => x.entity_id + '=' + x.state).join(','));"
            + "});");
    assertThat(result).isEqualTo("false,true,false,true,true,true|light.b=on|light.c=off");
  }

  @Test
  @DisplayName("the guide's JavaScript client class, unchanged, runs in this browser and receives updates")
  void guideClientInTheBrowser() {
    page.login("admin", TestServer.ADMIN_PASSWORD);
    String guideClient = GuideClient.source();
    // The class is part of the injected script itself: the page's Content-Security-Policy forbids
    // inline <script> elements and eval, but not what the driver executes.
    page.script(guideClient + "\n"
        + "window.__guideLog = [];"
        + "window.__guideFrames = [];"
        + "const log = console.log.bind(console);"
        + "console.log = (...args) => { window.__guideLog.push(args.join(' ')); log(...args); };"
        + "const client = new PMAWebSocketClient(arguments[0], arguments[1]);"
        + "window.__guide = client;"
        + "client.subscribeToEntity('light.bedroom');"
        + "client.connect();"
        // Watching the frames from outside the class tells us when the server confirmed the subscription.
        + "client.ws.addEventListener('message', (e) => window.__guideFrames.push(JSON.parse(e.data).type));",
        server.wsUrl(), token());
    browser.await("the guide client connected", d -> logLines("__guideLog").contains("Connected to PMA Backend"));
    browser.await("the guide client authenticated and subscribed", d ->
        logLines("__guideFrames").containsAll(List.of("authentication_success", "subscription_success")));

    action("light.bedroom", "toggle", "{}");

    browser.await("the guide client reports the change",
        d -> logLines("__guideLog").contains("Entity light.bedroom changed state."));
    assertThat(logLines("__guideFrames")).contains("pma_entity_state_changed");
    page.script("window.__guide.ws.onclose = null; window.__guide.ws.close();");
  }

  @SuppressWarnings("unchecked")
  private List<String> logLines(String global) {
    return new ArrayList<>((List<String>) page.script("return window." + global + ".slice()"));
  }
}
