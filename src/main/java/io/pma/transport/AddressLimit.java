package io.pma.transport;

import io.netty.channel.Channel;
import io.pma.config.IpRange;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address ({@code server.max_connections_per_address}), so that one
 * address cannot hold every socket the server can open. A direct peer is counted per TCP
 * connection, HTTP and {@code /ws} alike. A trusted proxy ({@code server.trusted_proxies})
 * carries many clients and is not counted itself; a WebSocket it forwards counts for the client
 * address its {@code X-Forwarded-For} names. Each count ends when its channel closes. Shared by
 * every event loop (a concurrent map, touched once per connection, never per message).
 */
public final class AddressLimit {
  private final int max;
  private final List<IpRange> trustedProxies;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  public AddressLimit(int max, List<IpRange> trustedProxies) {
    this.max = max;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  boolean trustedProxy(String peer) {
    for (IpRange range : trustedProxies) {
      if (range.contains(peer)) {
        return true;
      }
    }
    return false;
  }

  /** A new TCP connection from {@code peer}: false when that address has the most open. */
  boolean admitConnection(String peer, Channel channel) {
    return trustedProxy(peer) || acquire(peer, channel);
  }

  /**
   * A WebSocket upgraded on {@code channel}: through a trusted proxy it counts for the forwarded
   * client; false when that client has the most open. Direct peers were counted on connecting.
   */
  boolean admitWebSocket(String peer, List<String> forwardedFor, Channel channel) {
    return !trustedProxy(peer) || acquire(clientAddress(peer, forwardedFor), channel);
  }

  /**
   * The client behind trusted proxies: the right-most address in {@code X-Forwarded-For} that is
   * not a trusted proxy itself (the left part of the header is whatever the client wrote). The
   * peer when it is not a trusted proxy.
   */
  String clientAddress(String peer, List<String> forwardedFor) {
    String client = peer;
    for (int h = forwardedFor.size() - 1; h >= 0 && trustedProxy(client); h--) {
      String[] hops = forwardedFor.get(h).split(",");
      for (int i = hops.length - 1; i >= 0 && trustedProxy(client); i--) {
        String hop = hops[i].trim();
        if (!hop.isEmpty()) {
          client = hop;
        }
      }
    }
    return client;
  }

  int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }

  private boolean acquire(String address, Channel channel) {
    boolean[] admitted = {false};
    open.compute(address, (key, count) -> {
      int now = count == null ? 0 : count;
      if (now >= max) {
        return count;
      }
      admitted[0] = true;
      return now + 1;
    });
    if (admitted[0]) {
      channel.closeFuture().addListener(closed ->
          open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1));
    }
    return admitted[0];
  }
}
