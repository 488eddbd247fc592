package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that requires a SASL login: the agent publishes with PLAIN and with SCRAM-SHA-256 given
 * as {@code tapes.kafka.producer.*} settings, naming Kafka's own login modules as users do; a wrong
 * password loses the events but not the application; the password never appears in what the agent
 * prints. The {@code doctor} command checks the same settings.
 */
class KafkaSecurityIT {
  private static final int TURNS = 5;
  private static final String PLAIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";

  @TempDir static Path brokerDir;
  @TempDir Path tmp;

  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker(brokerDir, true, true);
    broker.addScramUser();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void publishesWithSaslPlain() throws Exception {
    assertDelivered("tapes-plain", "PLAIN", PLAIN_MODULE);
  }

  @Test
  void publishesWithScramSha256() throws Exception {
    assertDelivered("tapes-scram", "SCRAM-SHA-256", SCRAM_MODULE);
  }

  @Test
  void aWrongPasswordLosesTheEventsButNotTheApplication() throws Exception {
    String topic = "tapes-denied";
    broker.createTopic(topic, 3);
    String wrong = "not-the-password-0815";
    Jvm.Result r = runApp(topic, sasl("PLAIN", PLAIN_MODULE, wrong));
    assertEquals(0, r.code, r.err);
    assertEquals(TURNS, r.out.lines().filter(l -> l.startsWith("ok ")).count());
    assertTrue(r.err.contains("uthentication"), r.err);
    assertFalse(r.err.contains(wrong), r.err);
    assertEquals(0, broker.consume(topic, 1, Duration.ofSeconds(3)).size());
  }

  @Test
  void doctorReportsTheTopicAndMasksThePassword() throws Exception {
    broker.createTopic("tapes-doctor", 4);
    List<String> options = new ArrayList<>(sasl("PLAIN", PLAIN_MODULE, KafkaBroker.SASL_PASSWORD));
    options.add("-Dtapes.kafka.topic=tapes-doctor");
    Jvm.Result ok = doctor(options, broker.saslBootstrap());
    assertEquals(0, ok.code, ok.out + ok.err);
    assertTrue(ok.out.contains("topic         ok: tapes-doctor exists, 4 partitions"), ok.out);
    assertTrue(
        ok.out.matches("(?s).*tapes\\.kafka\\.producer\\.sasl\\.jaas\\.config +\\*\\*\\*\\*\n.*"),
        ok.out);
    assertFalse((ok.out + ok.err).contains(KafkaBroker.SASL_PASSWORD), ok.out + ok.err);

    options.set(options.size() - 1, "-Dtapes.kafka.topic=no-such-topic");
    Jvm.Result missing = doctor(options, broker.saslBootstrap());
    assertEquals(1, missing.code, missing.out);
    assertTrue(missing.out.contains("topic no-such-topic does not exist"), missing.out);

    Jvm.Result down = doctor(List.of("-Dtapes.kafka.topic=tapes-doctor"), "127.0.0.1:1");
    assertEquals(1, down.code, down.out);
    assertTrue(down.out.contains("broker        FAILED: no broker answered"), down.out);
  }

  private void assertDelivered(String topic, String mechanism, String module) throws Exception {
    broker.createTopic(topic, 3);
    Jvm.Result r = runApp(topic, sasl(mechanism, module, KafkaBroker.SASL_PASSWORD));
    assertEquals(0, r.code, r.err);
    int expected = NumberedTurns.events(TURNS);
    List<ConsumerRecord<String, String>> records =
        broker.consume(topic, expected, Duration.ofSeconds(30), Duration.ofSeconds(1));
    assertEquals(expected, records.size(), r.err);
    assertFalse(r.err.contains(KafkaBroker.SASL_PASSWORD), r.err);
  }

  private static List<String> sasl(String mechanism, String module, String password) {
    return List.of(
        "-Dtapes.kafka.brokers=" + broker.saslBootstrap(),
        "-Dtapes.kafka.producer.security.protocol=SASL_PLAINTEXT",
        "-Dtapes.kafka.producer.sasl.mechanism=" + mechanism,
        "-Dtapes.kafka.producer.sasl.jaas.config="
            + module
            + " required username=\""
            + KafkaBroker.SASL_USER
            + "\" password=\""
            + password
            + "\";");
  }

  private Jvm.Result runApp(String topic, List<String> sasl) throws Exception {
    StringBuilder script = new StringBuilder();
    try (LlmServer server = new LlmServer()) {
      for (int i = 0; i < TURNS; i++) {
        script.append(NumberedTurns.step(i));
      }
      NumberedTurns.enqueueReplies(server, TURNS);
      Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);
      List<String> options = new ArrayList<>();
      options.add("-javaagent:" + Jvm.AGENT_JAR);
      options.add("-Dtapes.kafka.topic=" + topic);
      options.addAll(sasl);
      return Jvm.jdkClientApp(
          Jdks.javaExecutables().get(0), options, server.baseUrl(), scriptFile, tmp);
    }
  }

  private Jvm.Result doctor(List<String> options, String brokers) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Jdks.javaExecutables().get(0).toString());
    command.addAll(options);
    command.add("-Dtapes.kafka.brokers=" + brokers);
    command.addAll(List.of("-jar", Jvm.AGENT_JAR.toString(), "doctor", "--timeout-ms", "5000"));
    return Jvm.run(command, new byte[0], tmp);
  }
}
