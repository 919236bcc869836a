package io.pma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  @Test
  @DisplayName("single addresses and CIDR blocks, IPv4, IPv6 and IPv4-mapped IPv6")
  void contains() {
    assertThat(IpRange.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
    assertThat(IpRange.parse("127.0.0.1").contains("127.0.0.2")).isFalse();
    assertThat(IpRange.parse("172.16.0.0/12").contains("172.31.255.1")).isTrue();
    assertThat(IpRange.parse("172.16.0.0/12").contains("172.32.0.1")).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    assertThat(IpRange.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
    assertThat(IpRange.parse("fd00::/8").contains("fe80::1")).isFalse();
    assertThat(IpRange.parse("10.0.0.0/8").contains("::ffff:10.1.2.3")).isTrue();
    assertThat(IpRange.parse("10.0.0.0/8").contains("not-an-address")).isFalse();
  }

  @Test
  @DisplayName("host names are refused (no DNS lookups), as are bad prefixes")
  void refused() {
    assertThatThrownBy(() -> IpRange.parse("localhost")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> IpRange.parse("::1/129")).hasMessageContaining("prefix");
  }
}
