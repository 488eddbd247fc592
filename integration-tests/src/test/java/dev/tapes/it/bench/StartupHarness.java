package dev.tapes.it.bench;

import dev.tapes.it.LlmServerAccess;
import dev.tapes.it.TestClassPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures what attaching the agent costs a JVM that starts, makes one JDK-client call to a
 * loopback server, and exits: wall time and peak RSS, with and without the agent, the two runs
 * alternating. Prints each run and the medians. A measurement, not a test.
 *
 * <p>{@code mvn -B -Pstartup -DskipTests verify} (see the README); {@code -Druns=N} changes the
 * number of pairs.
 */
public final class StartupHarness {
  private StartupHarness() {}

  public static void main(String[] args) throws Exception {
    Path agent = Paths.get(args[0]);
    int runs = Integer.getInteger("runs", 10);
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = TestClassPath.forChildJvm();
    Path events = Paths.get(System.getProperty("java.io.tmpdir"), "tapes-startup-events.jsonl");

    List<long[]> without = new ArrayList<>();
    List<long[]> with = new ArrayList<>();
    try (AutoCloseable server = LlmServerAccess.start()) {
      String url = LlmServerAccess.baseUrl(server);
      List<String> plain = List.of(java, "-cp", classpath, "dev.tapes.it.app.OneCallApp", url);
      List<String> attached = new ArrayList<>(plain);
      attached.addAll(1, List.of("-javaagent:" + agent, "-Dtapes.file=" + events));
      // One untimed pair first, so that both sides start with a warm file cache.
      run(plain, server);
      run(attached, server);
      for (int i = 0; i < runs; i++) {
        without.add(run(plain, server));
        with.add(run(attached, server));
        System.out.printf(
            "run %2d: without %4d ms %6d KiB | with %4d ms %6d KiB%n",
            i + 1, without.get(i)[0], without.get(i)[1], with.get(i)[0], with.get(i)[1]);
      }
    }
    long t0 = median(without, 0);
    long t1 = median(with, 0);
    long m0 = median(without, 1);
    long m1 = median(with, 1);
    System.out.printf(
        "%nmedian wall time: without %d ms, with %d ms: +%d ms (ratio %.2f)%n",
        t0, t1, t1 - t0, (double) t1 / t0);
    System.out.printf(
        "median peak RSS:  without %.1f MiB, with %.1f MiB: +%.1f MiB (ratio %.2f)%n",
        m0 / 1024.0, m1 / 1024.0, (m1 - m0) / 1024.0, (double) m1 / m0);
    System.out.println(
        "java " + System.getProperty("java.version") + ", " + runs + " alternating pairs");
  }

  /** Runs one JVM; returns {wall millis, peak RSS KiB}. */
  private static long[] run(List<String> command, AutoCloseable server) throws Exception {
    LlmServerAccess.enqueueReply(server);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("run failed: " + out);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String rss = out.replaceAll("(?s).*peak_rss_kb=(\\d+).*", "$1");
    return new long[] {millis, Long.parseLong(rss.trim())};
  }

  private static long median(List<long[]> runs, int field) {
    List<Long> values = new ArrayList<>();
    runs.forEach(r -> values.add(r[field]));
    Collections.sort(values);
    return values.get(values.size() / 2);
  }
}
