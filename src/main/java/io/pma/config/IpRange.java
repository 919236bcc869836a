package io.pma.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One address or a CIDR block ({@code 10.0.0.5}, {@code 172.16.0.0/12}, {@code fd00::/8}), as
 * written in {@code server.trusted_proxies}. Only literal addresses: a host name would need a DNS
 * lookup, and trusting a proxy must not depend on DNS.
 */
public record IpRange(byte[] network, int prefixBits) {
  public IpRange {
    network = network.clone();
  }

  /** Parses {@code address} or {@code address/bits}; IllegalArgumentException names the text. */
  public static IpRange parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] bytes = literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
      }
    }
    return new IpRange(bytes, bits);
  }

  /** Whether {@code address} (a literal IP, as sockets report it) lies in this range. */
  public boolean contains(String address) {
    byte[] bytes = literal(address);
    if (bytes == null || bytes.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    if (!Arrays.equals(bytes, 0, full, network, 0, full)) {
      return false;
    }
    int rest = prefixBits % 8;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || (bytes[full] & mask) == (network[full] & mask);
  }

  /** The bytes of a literal IPv4 or IPv6 address, or null when the text is not one. */
  private static byte[] literal(String address) {
    if (address == null || address.isEmpty()
        || !address.matches("[0-9a-fA-F:.\\[\\]%]+") || !address.matches(".*[.:].*")) {
      return null; // never a DNS lookup: InetAddress resolves names otherwise
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length == 16 && isIpv4Mapped(bytes)) {
        return Arrays.copyOfRange(bytes, 12, 16);
      }
      return bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpRange range && range.prefixBits == prefixBits
        && Arrays.equals(range.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    return Arrays.toString(network) + "/" + prefixBits;
  }
}
