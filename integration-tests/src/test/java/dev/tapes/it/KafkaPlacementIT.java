package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where events land on a 6-partition topic: 200 conversations that share one system prompt, two
 * turns each, published with each record key and partitioner. Placement is checked record by record
 * against the partitioner's formula, chain order within each conversation, and the spread is
 * measured.
 */
class KafkaPlacementIT {
  private static final int CONVERSATIONS = 200;
  private static final int PARTITIONS = 6;
  private static final String SYSTEM = "You are a helpful assistant for a travel agency.";
  private static final Pattern CONVERSATION = Pattern.compile("(?:Trip|Answer) (\\d+)\\.(\\d)");

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
  void rootKeysPutEveryConversationOfOneSystemPromptOnOnePartition() throws Exception {
    Spread s = publish("root", "murmur2");
    assertEquals(1, s.usedPartitions, "one root, one partition");
    assertEquals(6.0, s.maxOverMean, 1e-9);
  }

  @Test
  void conversationKeysSpreadConversationsAndKeepEachInOrder() throws Exception {
    Spread s = publish("conversation", "murmur2");
    assertEquals(PARTITIONS, s.usedPartitions);
    assertTrue(s.maxOverMean < 2.0, "max/mean " + s.maxOverMean);
  }

  @Test
  void fnv1aPlacesKeysWhereTheGoFormulaDoes() throws Exception {
    Spread s = publish("conversation", "fnv1a");
    assertEquals(PARTITIONS, s.usedPartitions);
    assertTrue(s.maxOverMean < 2.0, "max/mean " + s.maxOverMean);
  }

  /** The FNV-1a placement as tapes' Go producer computed it, written out from the formula. */
  static int goFnv1aPartition(byte[] key, int partitions) {
    long h = 2166136261L;
    for (byte b : key) {
      h ^= b & 0xff;
      h = (h * 16777619L) & 0xffffffffL;
    }
    int p = ((int) h) % partitions; // int32(h) % n, as Go truncates: the sign of the dividend
    return p < 0 ? -p : p;
  }

  /** Kafka's own placement of a keyed record, from the broker's distribution. */
  static int murmur2Partition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  private static final class Spread {
    int usedPartitions;
    double maxOverMean;
  }

  private Spread publish(String keyMode, String partitioner) throws Exception {
    String topic = "tapes-spread-" + keyMode + "-" + partitioner;
    broker.createTopic(topic, PARTITIONS);
    StringBuilder script = new StringBuilder();
    try (LlmServer server = new LlmServer()) {
      for (int c = 0; c < CONVERSATIONS; c++) {
        for (int turn = 1; turn <= 2; turn++) {
          script
              .append("POST|/v1/chat/completions|ofString|")
              .append(
                  Base64.getEncoder()
                      .encodeToString(request(c, turn).getBytes(StandardCharsets.UTF_8)))
              .append('\n');
          server.enqueue(LlmServer.Reply.json(reply(c, turn)));
        }
      }
      Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);
      Jvm.Result r =
          Jvm.jdkClientApp(
              Jdks.javaExecutables().get(0),
              List.of(
                  "-javaagent:" + Jvm.AGENT_JAR,
                  "-Dtapes.kafka.brokers=" + broker.bootstrap(),
                  "-Dtapes.kafka.topic=" + topic,
                  "-Dtapes.kafka.key=" + keyMode,
                  "-Dtapes.kafka.partitioner=" + partitioner),
              server.baseUrl(),
              scriptFile,
              tmp);
      assertEquals(0, r.code, r.err);
    }

    int expected = 1 + 4 * CONVERSATIONS; // the shared system prompt, then two turns each
    List<ConsumerRecord<String, String>> records =
        broker.consume(topic, expected, Duration.ofSeconds(60), Duration.ofSeconds(1));
    assertEquals(expected, records.size());

    int[] perPartition = new int[PARTITIONS];
    Map<Integer, Integer> partitionOf = new HashMap<>();
    Map<Integer, List<String>> orderOf = new HashMap<>();
    Set<String> keysOfUserNodes = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      perPartition[record.partition()]++;
      byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
      int want =
          partitioner.equals("fnv1a")
              ? goFnv1aPartition(key, PARTITIONS)
              : murmur2Partition(key, PARTITIONS);
      assertEquals(want, record.partition(), "placement of key " + record.key());
      String value = record.value();
      if (keyMode.equals("root")) {
        assertEquals(field(value, "root_hash"), record.key());
      }
      Matcher m = CONVERSATION.matcher(value);
      if (!m.find()) {
        continue; // the system prompt, shared by all
      }
      int c = Integer.parseInt(m.group(1));
      Integer previous = partitionOf.putIfAbsent(c, record.partition());
      assertTrue(
          previous == null || previous == record.partition(), "conversation " + c + " split");
      orderOf.computeIfAbsent(c, k -> new ArrayList<>()).add(m.group(0));
      if (keyMode.equals("conversation") && m.group(0).equals("Trip " + c + ".1")) {
        // Keyed by its first user message: that node's own hash.
        assertEquals(field(value, "hash"), record.key());
        keysOfUserNodes.add(record.key());
      }
    }
    for (Map.Entry<Integer, List<String>> e : orderOf.entrySet()) {
      int c = e.getKey();
      assertEquals(
          List.of(
              "Trip " + c + ".1", "Answer " + c + ".1", "Trip " + c + ".2", "Answer " + c + ".2"),
          e.getValue(),
          "chain order of conversation " + c);
    }
    assertEquals(CONVERSATIONS, orderOf.size());

    Spread s = new Spread();
    int max = 0;
    StringBuilder counts = new StringBuilder();
    for (int n : perPartition) {
      max = Math.max(max, n);
      s.usedPartitions += n > 0 ? 1 : 0;
      counts.append(counts.length() == 0 ? "" : " ").append(n);
    }
    s.maxOverMean = max / (expected / (double) PARTITIONS);
    System.out.printf(
        "spread with key=%s partitioner=%s: %d events on %d partitions [%s], max/mean %.2f%n",
        keyMode, partitioner, expected, PARTITIONS, counts, s.maxOverMean);
    return s;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([0-9a-f]{64})\"").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  private static String request(int c, int turn) {
    String first =
        "{\"role\":\"system\",\"content\":\""
            + SYSTEM
            + "\"},{\"role\":\"user\",\"content\":\"Trip "
            + c
            + ".1: plan three days in city number "
            + c
            + ".\"}";
    String messages =
        turn == 1
            ? first
            : first
                + ",{\"role\":\"assistant\",\"content\":\"Answer "
                + c
                + ".1: museums, a park, a market.\"},{\"role\":\"user\",\"content\":\"Trip "
                + c
                + ".2: and on a budget?\"}";
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[" + messages + "]}";
  }

  private static String reply(int c, int turn) {
    String text =
        turn == 1
            ? "Answer " + c + ".1: museums, a park, a market."
            : "Answer " + c + ".2: free museums and street food.";
    return "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":9,\"total_tokens\":39}}";
  }
}
