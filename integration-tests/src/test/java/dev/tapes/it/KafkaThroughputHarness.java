package dev.tapes.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * Measures how fast the agent publishes: one application thread makes back-to-back calls to a
 * loopback server (one turn each), with and without the agent, alternately. Reports the
 * application's turns per second both ways, and, from the broker's own append times, the events per
 * second that reached the topic and how long after the application's last call the last one did. A
 * measurement, not a test: {@code mvn -B -Pthroughput -DskipTests verify [-Dturns=N -Druns=R]}.
 */
public final class KafkaThroughputHarness {
  private KafkaThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    // Without it the loopback server's replies wait on delayed acknowledgements (some 40 ms a
    // call).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int turns = Integer.getInteger("turns", 2000);
    int runs = Integer.getInteger("runs", 3);
    Path dir = Files.createTempDirectory("tapes-throughput");
    StringBuilder script = new StringBuilder("TIME|||\n");
    for (int i = 0; i < turns; i++) {
      script.append(NumberedTurns.step(i));
    }
    script.append("TIME|||\n");
    Path scriptFile = Files.writeString(dir.resolve("script.txt"), script);
    Path java = Jdks.javaExecutables().get(0);

    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Double> eventRates = new ArrayList<>();
    List<Long> lags = new ArrayList<>();
    try (KafkaBroker broker = new KafkaBroker(Files.createDirectories(dir.resolve("broker")))) {
      for (int run = 0; run <= runs; run++) {
        Measured plain = runApp(java, List.of(), scriptFile, dir, turns);
        String topic = "tapes-throughput-" + run;
        broker.createTopic(topic, 3, Map.of("message.timestamp.type", "LogAppendTime"));
        Measured attached =
            runApp(
                java,
                List.of(
                    "-javaagent:" + Jvm.AGENT_JAR,
                    "-Dtapes.kafka.brokers=" + broker.bootstrap(),
                    "-Dtapes.kafka.topic=" + topic),
                scriptFile,
                dir,
                turns);
        int events = NumberedTurns.events(turns);
        List<ConsumerRecord<String, String>> records =
            broker.consume(topic, events, Duration.ofSeconds(120));
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ConsumerRecord<String, String> r : records) {
          if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
            throw new IllegalStateException("the topic does not stamp append times");
          }
          first = Math.min(first, r.timestamp());
          last = Math.max(last, r.timestamp());
        }
        if (records.size() < events) {
          System.out.println("the agent's log in this run:\n" + attached.log);
        }
        double eventRate = records.size() * 1000.0 / Math.max(1, last - first);
        long lag = last - attached.lastCallWallMillis;
        String label = run == 0 ? "warm-up" : "run " + run;
        System.out.printf(
            "%-8s without agent %7.0f turns/s | with agent %7.0f turns/s | %d of %d events in"
                + " the topic, %7.0f events/s over %d ms of appends, last one %d ms after the"
                + " last call%n",
            label,
            plain.turnsPerSecond,
            attached.turnsPerSecond,
            records.size(),
            events,
            eventRate,
            last - first,
            lag);
        if (run > 0) {
          without.add(plain.turnsPerSecond);
          with.add(attached.turnsPerSecond);
          eventRates.add(eventRate);
          lags.add(lag);
        }
      }
    }
    double w0 = median(without);
    double w1 = median(with);
    System.out.printf(
        "%nmedian over %d runs of %d turns: application %.0f turns/s without the agent, %.0f with"
            + " it (ratio %.2f); %.0f events/s into the broker; last event %d ms after the last"
            + " call%n",
        runs, turns, w0, w1, w1 / w0, median(eventRates), Math.round(medianLong(lags)));
    System.out.println("java " + System.getProperty("java.version") + ", one application thread");
  }

  /** One application run's call rate, and when (wall clock) its last call returned. */
  private static final class Measured {
    double turnsPerSecond;
    long lastCallWallMillis;
    String log;
  }

  private static Measured runApp(Path java, List<String> options, Path script, Path dir, int turns)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      NumberedTurns.enqueueReplies(server, turns);
      Jvm.Result r = Jvm.jdkClientApp(java, options, server.baseUrl(), script, dir);
      if (r.code != 0) {
        throw new IllegalStateException("application failed: " + r.err);
      }
      if (!options.isEmpty() && !r.err.contains("recording LLM calls")) {
        throw new IllegalStateException("the agent did not start: " + r.err);
      }
      List<long[]> times = new ArrayList<>();
      r.out
          .lines()
          .filter(l -> l.startsWith("time "))
          .forEach(
              l -> {
                String[] f = l.split(" ");
                times.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
              });
      Measured m = new Measured();
      m.turnsPerSecond = turns * 1000.0 / Math.max(1, times.get(1)[0] - times.get(0)[0]);
      m.lastCallWallMillis = times.get(1)[1];
      m.log = r.err;
      return m;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double medianLong(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
