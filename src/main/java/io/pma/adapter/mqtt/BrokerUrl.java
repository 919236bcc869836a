package io.pma.adapter.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where the broker is: {@code mqtt://host[:1883]}, {@code mqtts://host[:8883]} (also tcp, ssl). */
record BrokerUrl(String host, int port, boolean tls) {

  static BrokerUrl parse(String url, boolean forceTls) {
    URI uri;
    try {
      uri = new URI(url.contains("://") ? url : "mqtt://" + url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("mqtt.url '" + url + "' is not a URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls;
    switch (scheme) {
      case "mqtt": case "tcp":
        tls = forceTls;
        break;
      case "mqtts": case "ssl": case "tls":
        tls = true;
        break;
      default:
        throw new IllegalArgumentException("mqtt.url must start with mqtt:// or mqtts://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("mqtt.url '" + url + "' has no host");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
    return new BrokerUrl(uri.getHost(), port, tls);
  }

  @Override
  public String toString() {
    return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
  }
}
