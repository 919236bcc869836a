package io.pma.transport;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * Fits {@code websocket.max_connections} into the process's file descriptor limit at start-up.
 * Every socket is a descriptor; when /ws may hold all of them, the listening socket, the database
 * and the adapters fail with "Too many open files" and every client is cut off, not only the
 * newest. So the limit keeps a reserve for everything else and lowers the connection limit when
 * the descriptors do not cover it (the new connections past it get 1013 instead).
 */
public final class DescriptorBudget {
  /** Descriptors kept for HTTP connections, the database, adapters, log and jar files. */
  static final long RESERVE = 1024;

  private DescriptorBudget() {}

  /** The process's descriptor limit (RLIMIT_NOFILE), when the platform reports one. */
  public static OptionalLong processLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return OptionalLong.of(unix.getMaxFileDescriptorCount());
    }
    return OptionalLong.empty();
  }

  /** What may be used of {@code descriptorLimit} for /ws: all but the reserve (a quarter at most). */
  static long usable(long descriptorLimit) {
    return descriptorLimit - Math.min(RESERVE, descriptorLimit / 4);
  }

  /** The connection limit that fits, {@code maxConnections} itself when it does. */
  public static int fit(int maxConnections, long descriptorLimit) {
    return (int) Math.max(1, Math.min(maxConnections, usable(descriptorLimit)));
  }

  /** The one start-up line saying what was lowered and what to do about it. */
  public static String warning(int maxConnections, long descriptorLimit) {
    return "websocket.max_connections " + maxConnections + " lowered to "
        + fit(maxConnections, descriptorLimit) + ": the process may open only " + descriptorLimit
        + " files; raise that limit (ulimit -n, LimitNOFILE= in a systemd unit, --ulimit nofile="
        + " for docker) to at least " + (maxConnections + RESERVE)
        + " or set websocket.max_connections lower";
  }
}
