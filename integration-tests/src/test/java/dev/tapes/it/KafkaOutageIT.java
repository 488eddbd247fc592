package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops in the middle of an application's run of 1,000 turns and comes back: within the
 * agent's buffer every event arrives once; past it, exactly the events counted as dropped are
 * missing.
 */
class KafkaOutageIT {
  private static final int TURNS = 1000;

  @TempDir Path tmp;

  @Test
  void anOutageWithinTheBufferLosesNothingAndDuplicatesNothing(@TempDir Path brokerDir)
      throws Exception {
    Outcome o = runWithOutage(brokerDir, List.of());
    System.out.printf(
        "outage within the buffer: %d turns, %d events expected, %d records read, %d distinct,"
            + " %d dropped; broker down from turn %d to turn %d; application ran %d ms%n",
        TURNS,
        o.expected,
        o.records,
        o.distinct,
        o.dropped,
        o.stoppedAt,
        o.restartedAt,
        o.appMillis);
    assertEquals(0, o.dropped, o.stderr);
    assertEquals(o.expected, o.distinct, "every event arrives");
    assertEquals(o.distinct, o.records, "no event twice");
  }

  @Test
  void pastTheBufferTheDropCounterEqualsWhatIsMissing(@TempDir Path brokerDir) throws Exception {
    // Room for a few dozen events in the agent and in the producer: the outage overflows both.
    Outcome o =
        runWithOutage(
            brokerDir,
            List.of(
                "-Dtapes.kafka.buffer.bytes=16384",
                "-Dtapes.kafka.producer.buffer.memory=32768",
                "-Dtapes.kafka.producer.batch.size=16384"));
    System.out.printf(
        "outage past the buffer: %d events expected, %d records read, %d distinct, %d missing,"
            + " %d counted as dropped; broker down from turn %d to turn %d; application ran %d"
            + " ms%n",
        o.expected,
        o.records,
        o.distinct,
        o.expected - o.distinct,
        o.dropped,
        o.stoppedAt,
        o.restartedAt,
        o.appMillis);
    assertTrue(o.dropped > 0, "the outage overflowed the buffer: " + o.stderr);
    assertEquals(o.expected - o.distinct, o.dropped, "missing events are the dropped ones");
    assertEquals(o.distinct, o.records, "no event twice");
  }

  /** What one run with an outage delivered. */
  private static final class Outcome {
    int expected;
    int records;
    int distinct;
    long dropped;
    int stoppedAt;
    int restartedAt;
    long appMillis;
    String stderr;
  }

  private Outcome runWithOutage(Path brokerDir, List<String> extraOptions) throws Exception {
    String topic = "tapes-outage";
    StringBuilder script = new StringBuilder();
    try (KafkaBroker broker = new KafkaBroker(brokerDir);
        LlmServer server = new LlmServer()) {
      broker.createTopic(topic, 3);
      for (int i = 0; i < TURNS; i++) {
        script.append(NumberedTurns.step(i)).append("SLEEP|5||\n");
      }
      NumberedTurns.enqueueReplies(server, TURNS);
      script.append("SLEEP|2000||\n");
      Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);
      List<String> options = new ArrayList<>();
      options.add("-javaagent:" + Jvm.AGENT_JAR);
      options.add("-Dtapes.kafka.brokers=" + broker.bootstrap());
      options.add("-Dtapes.kafka.topic=" + topic);
      options.addAll(extraOptions);
      CompletableFuture<Jvm.Result> app =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Jvm.jdkClientApp(
                      Jdks.javaExecutables().get(0), options, server.baseUrl(), scriptFile, tmp);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      Outcome o = new Outcome();
      long start = System.nanoTime();
      IntSupplier turns = () -> server.recorded().size();
      waitFor(turns, TURNS / 4, app);
      broker.stop();
      o.stoppedAt = turns.getAsInt();
      waitFor(turns, TURNS / 2, app);
      o.restartedAt = turns.getAsInt();
      broker.start();
      Jvm.Result r = app.get(180, TimeUnit.SECONDS);
      o.appMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(0, r.code, r.err);
      assertEquals(TURNS, server.recorded().size());
      assertTrue(o.restartedAt < TURNS, "the broker came back while the application ran");

      o.expected = NumberedTurns.events(TURNS);
      List<ConsumerRecord<String, String>> records =
          broker.consume(topic, o.expected, Duration.ofSeconds(30), Duration.ofSeconds(2));
      Set<String> distinct = new HashSet<>();
      records.forEach(
          rec -> distinct.add(rec.value().replaceAll("\"occurred_at\":\"[^\"]*\"", "")));
      o.records = records.size();
      o.distinct = distinct.size();
      o.stderr = r.err;
      Matcher m = Pattern.compile("(\\d+) events undelivered").matcher(r.err);
      o.dropped = m.find() ? Long.parseLong(m.group(1)) : 0;
      return o;
    }
  }

  private static void waitFor(IntSupplier turns, int atLeast, CompletableFuture<?> app)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (turns.getAsInt() < atLeast && !app.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(turns.getAsInt() >= atLeast, "the application reached turn " + atLeast);
  }
}
