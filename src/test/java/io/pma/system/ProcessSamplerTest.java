package io.pma.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.SystemStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  @Test
  @DisplayName("VmRSS is read from /proc/self/status lines in bytes; absent means -1")
  void vmRss() {
    assertThat(ProcessSampler.parseVmRss(List.of("Name:\tjava", "VmPeak:\t 999 kB",
        "VmRSS:\t  123456 kB", "Threads:\t42"))).isEqualTo(123456L * 1024);
    assertThat(ProcessSampler.parseVmRss(List.of("Name:\tjava"))).isEqualTo(-1);
  }

  @Test
  @DisplayName("the figures are this process's own: heap within its bounds, RSS above the heap in use")
  void realFigures() {
    ProcessSampler sampler = new ProcessSampler();
    SystemStatus.Memory memory = sampler.memory();
    assertThat(memory.heapUsedBytes()).isPositive().isLessThanOrEqualTo(memory.heapMaxBytes());
    assertThat(memory.heapCommittedBytes()).isLessThanOrEqualTo(memory.heapMaxBytes());
    assertThat(memory.heapUsedPercent()).isBetween(0.0, 100.0);
    assertThat(memory.rssBytes()).as("Linux has /proc").isGreaterThan(memory.heapUsedBytes() / 4);
    SystemStatus.Cpu cpu = sampler.cpu();
    assertThat(cpu.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(cpu.processPercent()).isBetween(0.0, 100.0);
  }
}
