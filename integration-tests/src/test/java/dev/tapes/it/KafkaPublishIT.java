package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.it.Conversations.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent publishing to a real KRaft broker, read back with a consumer group. */
class KafkaPublishIT {
  @TempDir static Path brokerDir;
  @TempDir Path tmp;

  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker(brokerDir);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void eventsReachTheTopicKeyedByRootAndInChainOrder() throws Exception {
    String topic = "tapes-events-1";
    broker.createTopic(topic, 3);
    List<Step> steps = Conversations.all();
    StringBuilder script = script(steps);
    Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);

    List<LlmServer.Recorded> recorded;
    try (LlmServer server = new LlmServer()) {
      steps.forEach(s -> server.enqueue(s.reply));
      Jvm.Result r =
          Jvm.jdkClientApp(
              Jdks.javaExecutables().get(0),
              List.of(
                  "-javaagent:" + Jvm.AGENT_JAR,
                  "-Dtapes.kafka.brokers=" + broker.bootstrap(),
                  "-Dtapes.kafka.topic=" + topic),
              server.baseUrl(),
              scriptFile,
              tmp);
      assertEquals(0, r.code, r.err);
      recorded = server.recorded();
    }

    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : recorded) {
      expected.addAll(
          JdkHttpClientCaptureIT.nodesCommand(
              JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response));
    }
    expected = Events.firstOfEachNode(expected);

    List<ConsumerRecord<String, String>> records =
        broker.consume(topic, expected.size(), Duration.ofSeconds(60));
    assertEquals(expected.size(), records.size());

    // Same events; each keyed by its root hash; each root on one partition, in chain order there.
    Map<String, Integer> partitionOfRoot = new HashMap<>();
    Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      String root = record.value().replaceAll(".*\"root_hash\":\"([0-9a-f]{64})\".*", "$1");
      assertEquals(root, record.key());
      Integer previous = partitionOfRoot.putIfAbsent(root, record.partition());
      assertTrue(
          previous == null || previous == record.partition(),
          "root " + root + " on two partitions");
      byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
    }
    List<String> actual = new ArrayList<>();
    records.forEach(r -> actual.add(r.value()));
    List<String> sortedExpected = new ArrayList<>(expected);
    sortedExpected.replaceAll(Events::timeless);
    List<String> sortedActual = new ArrayList<>(actual);
    sortedActual.replaceAll(Events::timeless);
    sortedExpected.sort(Comparator.naturalOrder());
    sortedActual.sort(Comparator.naturalOrder());
    assertEquals(sortedExpected, sortedActual);
    for (List<ConsumerRecord<String, String>> partition : byPartition.values()) {
      List<String> inPartition = new ArrayList<>();
      partition.forEach(r -> inPartition.add(Events.timeless(r.value())));
      List<String> expectedOrder = new ArrayList<>();
      for (String e : expected) {
        if (inPartition.contains(Events.timeless(e))) {
          expectedOrder.add(Events.timeless(e));
        }
      }
      assertEquals(expectedOrder, inPartition, "events of one partition in chain order");
    }
    assertTrue(partitionOfRoot.size() >= 4, "four conversations: " + partitionOfRoot.keySet());
  }

  /**
   * The broker is down when the application starts and comes up while it runs: every event still
   * arrives, once, in chain order.
   */
  @Test
  void eventsWaitForABrokerThatIsDownAtStart(@TempDir Path lateBrokerDir) throws Exception {
    String topic = "tapes-late";
    List<Step> steps = Conversations.all();
    StringBuilder script = script(steps);
    script.append("SLEEP|20000||\n");
    Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);

    try (KafkaBroker late = new KafkaBroker(lateBrokerDir, false);
        LlmServer server = new LlmServer()) {
      steps.forEach(s -> server.enqueue(s.reply));
      Thread app =
          new Thread(
              () -> {
                try {
                  Jvm.Result r =
                      Jvm.jdkClientApp(
                          Jdks.javaExecutables().get(0),
                          List.of(
                              "-javaagent:" + Jvm.AGENT_JAR,
                              "-Dtapes.kafka.brokers=" + late.bootstrap(),
                              "-Dtapes.kafka.topic=" + topic),
                          server.baseUrl(),
                          scriptFile,
                          tmp);
                  appResult[0] = r;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      app.start();
      // Let the application make all its calls against a broker that is not there.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (server.recorded().size() < steps.size() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(steps.size(), server.recorded().size());
      late.start();
      late.createTopic(topic, 3);
      app.join(120_000);
      assertEquals(0, appResult[0].code, appResult[0].err);

      List<String> expected = new ArrayList<>();
      for (LlmServer.Recorded r : server.recorded()) {
        expected.addAll(
            JdkHttpClientCaptureIT.nodesCommand(
                JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response));
      }
      expected = Events.firstOfEachNode(expected);
      List<ConsumerRecord<String, String>> records =
          late.consume(topic, expected.size() + 1, Duration.ofSeconds(15));
      List<String> actual = new ArrayList<>();
      records.forEach(r -> actual.add(Events.timeless(r.value())));
      List<String> want = new ArrayList<>();
      expected.forEach(e -> want.add(Events.timeless(e)));
      actual.sort(Comparator.naturalOrder());
      want.sort(Comparator.naturalOrder());
      assertEquals(want, actual, "every event once, none lost, none twice");
    }
  }

  private final Jvm.Result[] appResult = new Jvm.Result[1];

  /** The client application's script: each step's request, read back with {@code ofString}. */
  private static StringBuilder script(List<Step> steps) {
    StringBuilder script = new StringBuilder();
    for (Step s : steps) {
      script
          .append("POST|")
          .append(s.path)
          .append("|ofString|")
          .append(Base64.getEncoder().encodeToString(s.request.getBytes(StandardCharsets.UTF_8)))
          .append('\n');
    }
    return script;
  }

  /**
   * A broker that is never reachable costs the application nothing: its calls take about as long as
   * without the agent, and its exit is not held for the broker (measured and printed, not
   * asserted); the lost events are counted.
   */
  @Test
  void anUnreachableBrokerDoesNotSlowTheApplication() throws Exception {
    List<Step> steps = Conversations.all();
    // Times: before the first call, after it (the agent's capture path loads), after the last.
    String calls = script(steps).toString();
    int firstEnd = calls.indexOf('\n') + 1;
    String script =
        "TIME|||\n"
            + calls.substring(0, firstEnd)
            + "TIME|||\n"
            + calls.substring(firstEnd)
            + "TIME|||\n";
    Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);
    List<String> unreachable =
        List.of("-javaagent:" + Jvm.AGENT_JAR, "-Dtapes.kafka.brokers=127.0.0.1:1");
    int runs = 3;
    long[][] without = new long[4][runs];
    long[][] with = new long[4][runs];
    for (int i = 0; i < runs; i++) {
      Timed plain = timedRun(scriptFile, steps, List.of());
      Timed attached = timedRun(scriptFile, steps, unreachable);
      without[0][i] = plain.callMillis;
      without[1][i] = plain.exitMillis;
      without[2][i] = plain.millis;
      without[3][i] = plain.laterCallMillis;
      with[0][i] = attached.callMillis;
      with[1][i] = attached.exitMillis;
      with[2][i] = attached.millis;
      with[3][i] = attached.laterCallMillis;
    }
    Path jmxScript = Files.writeString(tmp.resolve("jmx.txt"), script + "JMX|||\n");
    Timed counted = timedRun(jmxScript, steps, unreachable);
    String jmx =
        counted.result.out.lines().filter(l -> l.startsWith("jmx ")).findFirst().orElse("");
    String[] what = {"8 calls", "exit after the last call", "whole run", "calls 2 to 8"};
    for (int k = 0; k < what.length; k++) {
      java.util.Arrays.sort(without[k]);
      java.util.Arrays.sort(with[k]);
      System.out.printf(
          "unreachable broker, median of %d: %s without the agent %d ms, with %d ms (ratio %.2f)%n",
          runs,
          what[k],
          without[k][runs / 2],
          with[k][runs / 2],
          (double) with[k][runs / 2] / Math.max(1, without[k][runs / 2]));
    }
    assertTrue(jmx.contains("Turns=8"), jmx);
    assertTrue(counted.result.err.contains("events undelivered"), counted.result.err);
  }

  /**
   * One application run and how long it took: from start to exit; its calls, between its first and
   * last {@code TIME} step; from the last of those to its exit.
   */
  private static final class Timed {
    final Jvm.Result result;
    final long millis;
    final long callMillis;
    final long laterCallMillis;
    final long exitMillis;

    Timed(Jvm.Result result, long millis, long endMillis) {
      this.result = result;
      this.millis = millis;
      List<Long> times = new ArrayList<>();
      result
          .out
          .lines()
          .filter(l -> l.startsWith("time "))
          .forEach(l -> times.add(Long.parseLong(l.split(" ")[2])));
      this.callMillis = times.size() < 2 ? -1 : times.get(times.size() - 1) - times.get(0);
      this.laterCallMillis = times.size() < 3 ? -1 : times.get(times.size() - 1) - times.get(1);
      this.exitMillis = times.isEmpty() ? -1 : endMillis - times.get(times.size() - 1);
    }
  }

  private Timed timedRun(Path scriptFile, List<Step> steps, List<String> options) throws Exception {
    try (LlmServer server = new LlmServer()) {
      steps.forEach(s -> server.enqueue(s.reply));
      long start = System.nanoTime();
      Jvm.Result r =
          Jvm.jdkClientApp(
              Jdks.javaExecutables().get(0), options, server.baseUrl(), scriptFile, tmp);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long end = System.currentTimeMillis();
      assertEquals(0, r.code, r.err);
      return new Timed(r, millis, end);
    }
  }
}
