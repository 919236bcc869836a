package io.pma.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time and resident memory of a process, from {@code /proc} (Linux), and a forced GC. */
final class Proc {
  /** The heap lines of GC.heap_info ("def new generation total 4928K, used 1234K", ...). */
  private static final Pattern USED = Pattern.compile(
      "(?m)^ *(?:def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)"
          + "[^\\n]*?used (\\d+)K");
  /** Linux reports CPU times in clock ticks of 1/100 s on every common configuration. */
  private static final double TICKS_PER_SECOND = 100.0;

  private Proc() {}

  /** User plus system CPU seconds used so far by {@code pid}. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the command name, which may itself hold spaces and parentheses.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /** Resident set size in KiB. */
  static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  /** Runs a full GC in the JVM {@code pid} (through jcmd) so that RSS reflects live memory. */
  static void gc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
  }

  /** Java heap in use (KiB) right after a full GC: live objects. */
  static long liveHeapKib(long pid) throws IOException, InterruptedException {
    gc(pid);
    long used = 0;
    Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
    while (m.find()) {
      used += Long.parseLong(m.group(1));
    }
    return used;
  }

  /** The output of {@code jcmd pid command...}. */
  static String jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
    args.addAll(List.of(command));
    Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
      jcmd.destroy();
    }
    return output;
  }

  static long self() {
    return ProcessHandle.current().pid();
  }
}
