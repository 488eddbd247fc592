package dev.tapes.agent.config;

import java.util.List;

/** Every property of the agent, in the order the docs list them. The single definition. */
public final class Settings {
  public static final long MIB = 1024L * 1024;

  public static final Setting<Boolean> ENABLED =
      Setting.bool("tapes.enabled", true, "`false`: the agent installs nothing.");

  public static final Setting<String> KAFKA_BROKERS =
      Setting.text(
          "tapes.kafka.brokers",
          "",
          "Kafka bootstrap servers (`host:port,...`); when set, events go to Kafka instead of the"
              + " file.");

  public static final Setting<String> KAFKA_TOPIC =
      Setting.text("tapes.kafka.topic", "tapes-events", "Topic the events are published to.");

  public static final Setting<String> KAFKA_KEY =
      Setting.choice(
          "tapes.kafka.key",
          "root",
          "Record key: `root` (the chain's first node, as tapes) or `conversation` (its first"
              + " user-role node, else the root).",
          "root",
          "conversation");

  public static final Setting<String> KAFKA_PARTITIONER =
      Setting.choice(
          "tapes.kafka.partitioner",
          "murmur2",
          "`murmur2` (Kafka's default placement) or `fnv1a` (the placement of tapes' Go"
              + " producer).",
          "murmur2",
          "fnv1a");

  public static final Setting<Long> KAFKA_BUFFER_BYTES =
      Setting.number(
          "tapes.kafka.buffer.bytes",
          32 * MIB,
          16 * 1024,
          1024 * MIB,
          "Memory for events waiting while Kafka is out of reach; past it the oldest waiting"
              + " events are dropped and counted (`EventsDropped`).");

  public static final Setting<String> FILE =
      Setting.text(
          "tapes.file",
          "tapes-events.jsonl",
          "JSON-lines file the events are appended to when no broker is set.");

  public static final Setting<String> PROJECT =
      Setting.text("tapes.project", "", "`project` on every node.");

  public static final Setting<String> AGENT_NAME =
      Setting.text("tapes.agent.name", "", "`agent_name` on every bucket.");

  public static final Setting<String> CAPTURE_ENDPOINTS =
      Setting.text(
          "tapes.capture.endpoints",
          "",
          "Extra URL prefixes to treat as LLM endpoints, comma-separated (for gateways whose"
              + " paths do not end like the providers').");

  public static final Setting<Long> MAX_BODY_BYTES =
      Setting.number(
          "tapes.capture.max.body.bytes",
          32 * MIB,
          1024,
          1024 * MIB,
          "Exchanges with a larger request or response body are not captured"
              + " (`request_over_budget`).");

  public static final Setting<Long> QUEUE_CAPACITY =
      Setting.number(
          "tapes.queue.capacity",
          1000,
          1,
          1_000_000,
          "Captured exchanges waiting for the background thread; when full, new ones are"
              + " dropped (`queue_full`).");

  public static final Setting<Long> EXIT_TIMEOUT_MS =
      Setting.number(
          "tapes.exit.timeout.ms",
          3000,
          0,
          60_000,
          "At JVM exit, how long the agent may hold the exit to publish what it still has; what"
              + " is left then is counted as dropped.");

  public static final Setting<String> LOG_LEVEL =
      Setting.choice(
          "tapes.log.level",
          "info",
          "The agent's own log level; it logs to stderr, prefixed `[tapes]`.",
          "off",
          "error",
          "warn",
          "info",
          "debug");

  /**
   * Prefix of settings passed to the Kafka producer as they are ({@code
   * tapes.kafka.producer.acks=1} sets {@code acks}): security, SASL, TLS, compression.
   */
  public static final String KAFKA_PRODUCER_PREFIX = "tapes.kafka.producer.";

  /** In documentation order. */
  public static final List<Setting<?>> ALL =
      List.of(
          ENABLED,
          KAFKA_BROKERS,
          KAFKA_TOPIC,
          KAFKA_KEY,
          KAFKA_PARTITIONER,
          KAFKA_BUFFER_BYTES,
          FILE,
          PROJECT,
          AGENT_NAME,
          CAPTURE_ENDPOINTS,
          MAX_BODY_BYTES,
          QUEUE_CAPACITY,
          EXIT_TIMEOUT_MS,
          LOG_LEVEL);

  private Settings() {}

  /** The configuration table of the README, generated from the definitions above. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| property | environment | default | accepts | meaning |\n");
    out.append("|---|---|---|---|---|\n");
    for (Setting<?> s : ALL) {
      out.append("| `")
          .append(s.name())
          .append("` | `")
          .append(s.environmentName())
          .append("` | ")
          .append(s.defaultText())
          .append(" | ")
          .append(s.accepts())
          .append(" | ")
          .append(s.doc())
          .append(" |\n");
    }
    return out.toString();
  }
}
