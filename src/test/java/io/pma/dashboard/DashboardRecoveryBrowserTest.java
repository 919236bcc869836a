package io.pma.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard heals itself: the server goes away and comes back on the same port, and the open
 * page reconnects, signs in again, takes a fresh snapshot and carries on, with nobody touching it.
 */
@DisplayName("Dashboard recovery in a real browser")
class DashboardRecoveryBrowserTest extends BrowserTest {

  @Override
  protected Map<String, String> settings() {
    // One-minute tokens, so that the page's refresh before expiry happens within a test.
    // Any origin: the stalling proxy listens on another port, so the page's origin is not the Host
    // the server sees through it (the origin check itself is WebSocketOriginTest's).
    return Map.of("PMA_AUTH_TOKEN_TTL_MINUTES", "1", "PMA_WEBSOCKET_ALLOWED_ORIGINS", "*");
  }

  /** Opens the page live, signing in unless this tab's session is still there from an earlier test. */
  private void signedIn() {
    page.open();
    if (page.loginVisible()) {
      page.login("admin", TestServer.ADMIN_PASSWORD);
    }
    page.awaitConnection("live");
  }

  /** Records every connection state the indicator shows, in order, from now on. */
  private void recordConnectionStates() {
    page.script("window.__states = [];"
        + "const node = document.getElementById('connection');"
        + "new MutationObserver(() => window.__states.push(node.dataset.state))"
        + "  .observe(node, { attributes: true, attributeFilter: ['data-state'] });");
  }

  @SuppressWarnings("unchecked")
  private List<String> connectionStates() {
    return (List<String>) page.script("return window.__states.slice()");
  }

  @Test
  @DisplayName("after the server restarts on the same port the page reconnects and shows live changes again")
  void recoversFromARestart() {
    signedIn();
    page.card("light.kitchen");
    recordConnectionStates();

    server.restart();

    browser.await("the page noticed the outage and is live again", d -> {
      List<String> states = connectionStates();
      return states.contains("reconnecting") && "live".equals(page.connectionState());
    });
    List<String> states = connectionStates();
    assertThat(states.get(states.size() - 1)).isEqualTo("live");
    assertThat(page.dashboardVisible()).as("no sign-in needed").isTrue();

    String token = server.adminToken();
    JsonNode kitchen = server.request("GET", "/api/v1/entities/light.kitchen", token, null).json();
    String next = "on".equals(kitchen.get("state").asText()) ? "off" : "on";
    action(token, "light.kitchen", "on".equals(next) ? "turn_on" : "turn_off", "{}");
    page.awaitCardState("light.kitchen", next);

    page.powerSwitch("light.kitchen").click();
    page.awaitCardState("light.kitchen", "on".equals(next) ? "off" : "on");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @Test
  @DisplayName("changes made while the page could not reconnect are all there after it does (fresh snapshot)")
  void snapshotAfterAnOutage() {
    signedIn();
    String token = server.adminToken();
    server.request("PUT", "/api/v1/entities/sensor.outage_removed/state", token, "{\"state\":\"1\",\"attributes\":{}}");
    page.card("sensor.outage_removed");
    String kitchen = page.cardState("light.kitchen");

    browser.offline(true);
    server.restart();
    page.awaitConnection("reconnecting");
    token = server.adminToken();
    action(token, "light.kitchen", "on".equals(kitchen) ? "turn_off" : "turn_on", "{}");
    server.request("DELETE", "/api/v1/entities/sensor.outage_removed", token, null);
    server.request("PUT", "/api/v1/entities/sensor.outage_added/state", token, "{\"state\":\"2\",\"attributes\":{}}");
    assertThat(page.connectionState()).as("still cut off").isEqualTo("reconnecting");
    assertThat(page.cardState("light.kitchen")).isEqualTo(kitchen);

    browser.offline(false);

    page.awaitConnection("live");
    page.awaitCardState("light.kitchen", "on".equals(kitchen) ? "off" : "on");
    assertThat(page.hasCard("sensor.outage_removed")).isFalse();
    assertThat(page.cardState("sensor.outage_added")).isEqualTo("2");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  private String sessionToken() {
    return (String) page.script("return JSON.parse(sessionStorage.getItem('pma.session')).token");
  }

  @Test
  @DisplayName("the token is refreshed before it expires and the open connection carries on with it")
  void refreshesTheTokenBeforeItExpires() {
    signedIn();
    String first = sessionToken();
    recordConnectionStates();

    // A one-minute token is refreshed 30 s before it expires.
    browser.await(Duration.ofSeconds(45), "a refreshed token", d -> !first.equals(sessionToken()));

    String refreshed = sessionToken();
    TestServer.Response me = server.request("GET", "/api/v1/auth/me", refreshed, null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("admin");
    assertThat(connectionStates()).as("no reconnect for a refresh").isEmpty();
    String kitchen = page.cardState("light.kitchen");
    action(refreshed, "light.kitchen", "on".equals(kitchen) ? "turn_off" : "turn_on", "{}");
    page.awaitCardState("light.kitchen", "on".equals(kitchen) ? "off" : "on");
    assertThat(browser.scriptErrors()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private List<String> probeStates() {
    return (List<String>) page.script("return window.__probe.states.slice()");
  }

  @Test
  @DisplayName("a connection that silently stops passing data is found dead by the app-level ping and replaced")
  void deadConnectionFoundByPing() {
    signedIn();
    String token = server.adminToken();
    try (StallingProxy proxy = new StallingProxy(server.port())) {
      // The dashboard's own client module, with short timings, through a proxy that can stall.
      page.script("const [url, token] = arguments;"
          + "window.__probe = { states: [] };"
          + "import('/pma-client.js').then(({ PmaClient }) => {"
          + "  const c = new PmaClient({ url, auth: { token: () => token, refresh: async () => null },"
          + "    pingIntervalMs: 500, pongTimeoutMs: 1000, connectTimeoutMs: 1500, backoffBaseMs: 100, backoffMaxMs: 400 });"
          + "  c.addEventListener('state', (e) => window.__probe.states.push(e.detail.state));"
          + "  window.__probe.client = c;"
          + "  c.start();"
          + "});", "ws://127.0.0.1:" + proxy.port() + "/ws", token);
      browser.await("the probe is live", d -> probeStates().contains("live"));
      int before = probeStates().size();

      proxy.stall();

      browser.await("the stalled connection is declared dead", d -> {
        List<String> states = probeStates();
        return states.subList(before, states.size()).contains("reconnecting");
      });
      proxy.resume();
      browser.await("the probe is live again", d -> {
        List<String> states = probeStates();
        return states.size() > before + 1 && "live".equals(states.get(states.size() - 1));
      });

      String kitchen = (String) page.script("return window.__probe.client.store.entities.get('light.kitchen').state");
      String next = "on".equals(kitchen) ? "off" : "on";
      action(token, "light.kitchen", "on".equals(next) ? "turn_on" : "turn_off", "{}");
      browser.await("the new connection carries events", d -> next.equals(
          page.script("return window.__probe.client.store.entities.get('light.kitchen').state")));
      page.script("window.__probe.client.stop()");
    }
  }
}
