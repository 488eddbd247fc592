package dev.tapes.agent.publish;

import dev.tapes.agent.log.AgentLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to Kafka: key = the root hash (or the conversation's first user node), value =
 * the event JSON, timestamp = {@code occurred_at}. The producer is created on first use, on the
 * pipeline thread, with the agent's class loader as context loader (kafka-clients resolves some
 * configuration classes through it). Sends are asynchronous; the producer's own threads deliver.
 */
public final class KafkaSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);

  private final Map<String, Object> config;
  private final String topic;
  private final boolean keyByConversation;
  private final String brokers;
  private final AtomicLong failed = new AtomicLong();
  private Producer<byte[], byte[]> producer;

  /**
   * @param overrides producer settings passed through as given (after the agent's defaults)
   */
  public KafkaSink(
      String brokers,
      String topic,
      boolean keyByConversation,
      boolean fnv1a,
      Map<String, String> overrides) {
    this.brokers = brokers;
    this.topic = topic;
    this.keyByConversation = keyByConversation;
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "tapes-agent");
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // The pipeline thread must never wait long for metadata or buffer space.
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
    if (fnv1a) {
      c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Fnv1aPartitioner.class);
    }
    c.putAll(overrides);
    this.config = c;
  }

  @Override
  public void publish(NodeEvent event) {
    if (producer == null) {
      producer = create();
    }
    byte[] key =
        (keyByConversation ? event.conversationHash() : event.rootHash())
            .getBytes(StandardCharsets.UTF_8);
    byte[] value = event.toJson().getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), key, value);
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              failed(error);
            }
          });
    } catch (KafkaException e) {
      // No metadata or buffer space within max.block.ms: the broker is out of reach.
      failed(e);
    }
  }

  private void failed(Exception error) {
    failed.incrementAndGet();
    if (AgentLog.allow("kafka-send")) {
      log.warn("an event could not be delivered to Kafka topic " + topic + ": " + error);
    }
  }

  private Producer<byte[], byte[]> create() {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(KafkaSink.class.getClassLoader());
    try {
      return new KafkaProducer<>(config);
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** Events the producer gave up on. */
  public long failedCount() {
    return failed.get();
  }

  @Override
  public void flush() {
    // Delivery is the producer's job; waiting for it here would stall the pipeline.
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(3));
    }
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic + " at " + brokers;
  }
}
