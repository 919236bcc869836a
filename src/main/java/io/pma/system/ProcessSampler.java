package io.pma.system;

import io.pma.domain.SystemStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads this process's own figures from the JVM and, for the resident set size, from
 * {@code /proc/self/status}. Thread-safe: every call reads fresh values.
 */
public final class ProcessSampler {
  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final com.sun.management.OperatingSystemMXBean os;

  public ProcessSampler() {
    this.os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
  }

  /**
   * Processor use. The JVM computes the process's share of all cores since the previous call of
   * {@code getProcessCpuLoad}, so the figure covers the time since the last sample.
   */
  public SystemStatus.Cpu cpu() {
    double load = os.getProcessCpuLoad();
    double percent = load < 0 ? 0 : round(load * 100);
    return new SystemStatus.Cpu(percent, round(os.getSystemLoadAverage()),
        os.getAvailableProcessors());
  }

  public SystemStatus.Memory memory() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    double percent = max > 0 ? round(100.0 * heap.getUsed() / max) : 0;
    return new SystemStatus.Memory(heap.getUsed(), heap.getCommitted(), max, percent,
        residentSetBytes());
  }

  /** Heap in use as a percentage of the most it may grow to (no /proc read: sampled often). */
  public double heapUsedPercent() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    return max > 0 ? round(100.0 * heap.getUsed() / max) : 0;
  }

  /** {@code VmRSS} of /proc/self/status in bytes; -1 where there is no /proc (not Linux). */
  public static long residentSetBytes() {
    try {
      return parseVmRss(Files.readAllLines(PROC_STATUS));
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** The {@code VmRSS:  123456 kB} line, in bytes; -1 when absent. */
  static long parseVmRss(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && "kb".equals(parts[1].toLowerCase(Locale.ROOT))
            ? value * 1024 : value;
      }
    }
    return -1;
  }

  private static double round(double value) {
    return value < 0 ? value : Math.round(value * 10) / 10.0;
  }
}
